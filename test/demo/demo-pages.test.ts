/**
 * The demo's pages beyond the chat, end to end in Chromium as `npm run demo` serves them (see
 * test/support/demo-app.ts): Custom UI (ChatPrimitive parts only), Images (DALL-E through the proxy),
 * Pipeline (Haystack YAML loaded, drawn and run), and each page's own source under "Code". Nothing may
 * leave 127.0.0.1, and no page may throw.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModelReplies } from '../fixtures/tiny-model.js';
import { demoFakeKey, startDemoApp, type DemoApp } from '../support/demo-app.js';
import { loadJson } from '../support/replay-server.js';
import { textStream, tokenStream } from '../support/token-stream.js';

const tinyReply = tinyModelReplies['hayloft-tiny-chat'];
let demo: DemoApp;
const pageErrors: string[] = [];

beforeAll(async () => {
  // The proxy allows an image model besides the chat one, as OPENAI_MODELS would.
  demo = await startDemoApp({ openaiModels: ['gpt-4o-mini', 'dall-e-3'] });
}, 180_000);
afterAll(() => demo.close());

/** The demo with the tiny local model as default, on the named page, its errors recorded. */
const openPage = async (name: string, options: { cloud?: boolean } = {}): Promise<Page> => {
  const page = await demo.open();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await expect.poll(() => page.getByLabel('Model').inputValue()).toBe('local/hayloft-tiny-chat');
  if (options.cloud) {
    await page.locator('option', { hasText: 'OpenAI · gpt-4o-mini' }).waitFor({ state: 'attached' });
    await page.getByLabel('Model').selectOption({ label: 'OpenAI · gpt-4o-mini' });
  }
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name, exact: true }).click();
  return page;
};

const expectNothingLeft = () => {
  expect(demo.blocked).toEqual([]);
  expect(pageErrors).toEqual([]);
};

describe('the Custom UI page', () => {
  const answer = (page: Page) => page.locator('.custom-message[data-role="assistant"]').last();

  it('should chat with the tiny model in the browser, from ChatPrimitive parts only', async () => {
    const page = await openPage('Custom UI');
    await page.locator('.custom-progress').getByText('Running on WASM').waitFor({ timeout: 60_000 });
    expect(await page.locator('.hayloft-root').count()).toBe(0);
    await page.getByLabel('Message').fill('Hello?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(async () => (await answer(page).locator('.custom-content').textContent())?.trim(), { timeout: 30_000 }).toBe(tinyReply);
    expect(tinyReply).toBe('Hello from the tiny model.');
    await expect.poll(() => answer(page).getAttribute('data-status')).toBe('complete');
    expect(await page.locator('.custom-message[data-role="user"] .custom-content').textContent()).toBe('Hello?');
    expect(await answer(page).getByRole('button', { name: 'Copy' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Regenerate' }).isEnabled()).toBe(true);
    expect(await page.locator('.custom-status').textContent()).toBe('Ready');
    expectNothingLeft();
    await page.close();
  }, 120_000);

  it('should stream a cloud model through the proxy, stop it and keep its text, and show an error line', async () => {
    const page = await openPage('Custom UI', { cloud: true });
    demo.replay.enqueue({ sse: tokenStream(400), writeDelayMs: 20 });
    await page.getByLabel('Message').fill('Tell me a long story.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => answer(page).textContent()).toContain('w10 ');
    expect(await page.locator('.custom-status').textContent()).toBe('Writing…');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => answer(page).getAttribute('data-status')).toBe('stopped');
    const kept = (await answer(page).locator('.custom-content').textContent()) ?? '';
    expect(kept).toContain('w10 ');
    expect(kept).not.toContain('w399');
    expect(demo.replay.requests.at(-1)?.headers.authorization).toBe(`Bearer ${demoFakeKey}`);

    // A refused request: the error line says why, with Retry; the answer after it arrives normally.
    demo.replay.enqueue({ status: 400, jsonFixture: 'openai/error-400.error' }, { sse: textStream('Hay is dried grass.') });
    await page.getByLabel('Message').fill('Again?');
    await page.getByRole('button', { name: 'Send' }).click();
    const error = page.locator('.custom-error[role="alert"]');
    await error.waitFor();
    expect(await error.textContent()).toContain("Invalid 'temperature'");
    await error.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => answer(page).locator('.custom-content').textContent()).toContain('Hay is dried grass.');
    expect(await error.count()).toBe(0);
    expect(await page.content()).not.toContain(demoFakeKey);
    expectNothingLeft();
    await page.close();
  }, 120_000);
});

describe('the Images page', () => {
  const b64 = (loadJson('openai/image-b64') as { data: Array<{ b64_json: string; revised_prompt: string }> }).data[0]!;

  it('should generate an image with DALL-E 3 through the proxy and show it with the revised prompt', async () => {
    const page = await openPage('Images');
    const generate = page.getByRole('button', { name: 'Generate' });
    await expect.poll(() => generate.isEnabled()).toBe(true);
    demo.replay.enqueue({ jsonFixture: 'openai/image-b64' });
    await page.getByLabel('Image prompt').fill('A hayloft at dawn');
    await generate.click();
    const image = page.locator('img.images-image');
    await image.waitFor();
    expect(await image.getAttribute('src')).toBe(`data:image/png;base64,${b64.b64_json}`);
    expect(await page.locator('.images-revised').textContent()).toBe(`Revised prompt: ${b64.revised_prompt}`);
    // The image decoded: a real 1×1 PNG, not a broken icon.
    expect(await image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(1);
    const sent = demo.replay.requests.at(-1)!;
    expect(sent.url).toBe('/v1/images/generations');
    expect(sent.json).toMatchObject({ model: 'dall-e-3', prompt: 'A hayloft at dawn', response_format: 'b64_json', n: 1 });
    expect(sent.headers.authorization).toBe(`Bearer ${demoFakeKey}`);
    expectNothingLeft();
    await page.close();
  }, 60_000);

  it('should stop a generation, and the proxy drop its upstream call', async () => {
    const page = await openPage('Images');
    await expect.poll(() => page.getByRole('button', { name: 'Generate' }).isEnabled()).toBe(true);
    demo.replay.enqueue({ jsonFixture: 'openai/image-b64', delayMs: 10_000 });
    const dropped = demo.replay.nextDisconnect();
    const before = demo.replay.requests.length;
    await page.getByRole('button', { name: 'Generate' }).click();
    // Stopped once the request has reached OpenAI's stand-in, which holds its answer for 10 s.
    await expect.poll(() => demo.replay.requests.length).toBe(before + 1);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.locator('.images-result[data-state="stopped"]').getByText('Stopped.').waitFor();
    await dropped;
    expect(await page.locator('img.images-image').count()).toBe(0);
    // The click that stopped did not also submit the form again.
    expect(demo.replay.requests.length).toBe(before + 1);
    expectNothingLeft();
    await page.close();
  }, 60_000);

  it('should explain how to add OPENAI_API_KEY when the proxy serves no OpenAI, and say so when it answers 404', async () => {
    const notServed = { status: 404, contentType: 'application/json', body: JSON.stringify({ error: { message: 'This proxy does not serve openai.', code: 'provider_not_served' } }) };
    // The proxy without an OpenAI key: every OpenAI route is a 404.
    const page = await demo.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.route('**/api/openai/v1/**', (route) => route.fulfill(notServed));
    await page.goto(`${demo.url}?localModels=/models/&ort=/ort/&localModel=hayloft-tiny-chat`);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Images' }).click();
    const note = page.locator('.images-note[role="note"]');
    await note.waitFor({ timeout: 15_000 });
    expect(await note.textContent()).toContain('OPENAI_API_KEY');
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await page.close();

    // The model list answered, but the images route says the key is gone: the same advice, plainly.
    const second = await openPage('Images');
    await second.route('**/api/openai/v1/images/generations', (route) => route.fulfill(notServed));
    await expect.poll(() => second.getByRole('button', { name: 'Generate' }).isEnabled()).toBe(true);
    await second.getByRole('button', { name: 'Generate' }).click();
    const alert = second.locator('.images-result [role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('The proxy serves no OpenAI key: set OPENAI_API_KEY (environment or .env) and run npm run demo again.');
    expectNothingLeft();
    await second.close();
  }, 60_000);
});

describe('the Pipeline page', () => {
  it('should load the preloaded YAML, draw its graph, and run it with the tiny model', async () => {
    const page = await openPage('Pipeline');
    const yaml = page.getByLabel('Haystack YAML');
    expect(await yaml.inputValue()).toContain('type: haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator');
    expect(await yaml.inputValue()).toContain('model: hayloft-tiny-chat');
    await page.getByRole('button', { name: 'Load' }).click();
    const graph = page.locator('.pipeline-graph');
    await graph.waitFor();
    expect(await graph.locator('.pipeline-components li').allTextContents()).toEqual(['llm HuggingFaceLocalChatGenerator', 'prompt_builder ChatPromptBuilder']);
    expect(await graph.locator('.pipeline-connections li').allTextContents()).toEqual(['prompt_builder.prompt → llm.messages']);
    expect(await graph.locator('pre').textContent()).toBe('graph TD;\n  llm["llm"]\n  prompt_builder["prompt_builder"]\n  prompt_builder -- "prompt → messages" --> llm');
    expect(await page.getByLabel('prompt_builder.topic').inputValue()).toBe('BM25');
    await page.getByLabel('prompt_builder.audience').fill('a child');
    await page.locator('.pipeline-progress').getByText('Running on WASM').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Run' }).click();
    const answer = page.locator('.pipeline-answer');
    await expect.poll(async () => (await answer.textContent())?.trim(), { timeout: 30_000 }).toBe(tinyReply);
    expect(await answer.getAttribute('data-status')).toBe('success');
    expectNothingLeft();
    await page.close();
  }, 120_000);

  it('should say plainly what is wrong with a broken YAML, and keep working', async () => {
    const page = await openPage('Pipeline');
    const yaml = page.getByLabel('Haystack YAML');
    await yaml.fill('components: [\n');
    await page.getByRole('button', { name: 'Load' }).click();
    const alert = page.locator('.pipeline-error[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^The pipeline YAML does not parse: /);
    expect(await page.locator('.pipeline-graph').count()).toBe(0);

    await yaml.fill('components:\n  x:\n    type: haystack.components.rankers.Unknown\n    init_parameters: {}\nconnections: []\n');
    await page.getByRole('button', { name: 'Load' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^Unknown component type 'haystack.components.rankers.Unknown'. Known types: .*OpenAIChatGenerator/);

    // Back to the preloaded YAML: it loads, and the error is gone.
    await page.getByRole('button', { name: 'Reset YAML' }).click();
    await page.getByRole('button', { name: 'Load' }).click();
    await page.locator('.pipeline-graph').waitFor();
    expect(await alert.count()).toBe(0);
    expectNothingLeft();
    await page.close();
  }, 60_000);

  it('should follow the model picked at the top, run through the proxy, and stop with the streamed text kept', async () => {
    const page = await openPage('Pipeline', { cloud: true });
    expect(await page.getByLabel('Haystack YAML').inputValue()).toContain('type: haystack.components.generators.chat.openai.OpenAIChatGenerator');
    await page.getByRole('button', { name: 'Load' }).click();
    demo.replay.enqueue({ sse: tokenStream(400), writeDelayMs: 20 });
    await page.getByRole('button', { name: 'Run' }).click();
    const answer = page.locator('.pipeline-answer');
    await expect.poll(() => answer.textContent()).toContain('w10 ');
    await page.getByRole('button', { name: 'Stop' }).click();
    await answer.getByText('Stopped; what arrived stays above.').waitFor();
    expect(await answer.textContent()).toContain('w10 ');
    expect(await answer.textContent()).not.toContain('w399');
    const sent = demo.replay.requests.at(-1)!;
    expect((sent.json as { messages: unknown[] }).messages).toEqual([
      { role: 'system', content: 'You answer in two sentences.' },
      { role: 'user', content: 'Explain BM25 to a farmer.' },
    ]);
    expectNothingLeft();
    await page.close();
  }, 60_000);
});

describe('every page', () => {
  it('should show the code that builds it under "Code"', async () => {
    const page = await openPage('Chat');
    const pages = [
      ['Chat', 'demo/main.tsx', 'function Demo()'],
      ['RAG', 'demo/rag-panel.tsx', 'export function RagPanel('],
      ['Custom UI', 'demo/custom-ui-page.tsx', 'export function CustomUiPage('],
      ['Images', 'demo/images-page.tsx', 'export function ImagesPage('],
      ['Pipeline', 'demo/pipeline-page.tsx', 'export function PipelinePage('],
      ['Structured', 'demo/structured-page.tsx', 'export function StructuredPage('],
    ] as const;
    for (const [name, file, marker] of pages) {
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name, exact: true }).click();
      const code = page.locator('details.demo-code');
      await expect.poll(() => code.locator('summary').textContent()).toBe(`Code ${file}`);
      expect(await code.locator('pre').isVisible()).toBe(false);
      await code.locator('summary').click();
      expect(await code.locator('pre').isVisible()).toBe(true);
      expect(await code.locator('pre').textContent()).toContain(marker);
    }
    expectNothingLeft();
    await page.close();
  }, 60_000);
});

describe('the Structured page', () => {
  it('should extract a contact that follows the zod schema, validated on meta.parsed', async () => {
    const page = await openPage('Structured', { cloud: true });
    const value = { name: 'Grace Hopper', email: 'grace@example.com', company: 'Remington Rand', topics: ['compilers', 'debugging'] };
    demo.replay.enqueue({
      json: {
        id: 'chatcmpl-structured',
        object: 'chat.completion',
        created: 1763805600,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(value), refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 80, completion_tokens: 30, total_tokens: 110 },
      },
    });
    await page.getByRole('button', { name: 'Extract contact' }).click();
    const card = page.getByRole('definition');
    await expect.poll(() => card.allTextContents()).toEqual(['Grace Hopper', 'grace@example.com', 'Remington Rand', 'compilers, debugging']);
    // The schema went out as a strict JSON schema.
    const sent = demo.replay.requests.at(-1)?.json as { response_format?: { type: string; json_schema: { strict: boolean; schema: { required: string[] } } } };
    expect(sent.response_format?.type).toBe('json_schema');
    expect(sent.response_format?.json_schema.strict).toBe(true);
    expect(sent.response_format?.json_schema.schema.required).toEqual(['name', 'email', 'company', 'topics']);
    expectNothingLeft();
    await page.close();
  }, 120_000);

  it('should say that models in the browser do not follow a schema', async () => {
    const page = await openPage('Structured');
    await expect.poll(() => page.getByRole('note').last().textContent()).toContain('do not follow a schema');
    expect(await page.getByRole('button', { name: 'Extract contact' }).isDisabled()).toBe(true);
    expectNothingLeft();
    await page.close();
  }, 60_000);
});
