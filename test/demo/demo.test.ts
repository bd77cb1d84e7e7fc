/**
 * The demo end to end in Chromium, as `npm run demo` serves it: the built app on 127.0.0.1 with /api/
 * forwarded to a real hayloft proxy (a fake OpenAI key, a replay upstream), and the tiny local model
 * with onnxruntime-web's files served by the same server. Nothing may leave 127.0.0.1.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModelReplies } from '../fixtures/tiny-model.js';
import { demoFakeHfToken, demoFakeKey as fakeKey, startDemoApp, type DemoApp } from '../support/demo-app.js';
import { textStream, tokenStream } from '../support/token-stream.js';

let demo: DemoApp;
let blocked: string[];

beforeAll(async () => {
  // A TGI server named in the proxy's config, as HF_ENDPOINTS=my-tgi=... would add it.
  demo = await startDemoApp({ hfEndpoints: { 'my-tgi': '/tgi' } });
  blocked = demo.blocked;
}, 180_000);
afterAll(() => demo.close());

const openDemo = (): Promise<Page> => demo.open();

const answers = (page: Page) => page.getByRole('log').locator('[data-role]');

describe('the demo', () => {
  it('should chat with the model in the browser by default, and say which device it runs on', async () => {
    const page = await openDemo();
    await expect.poll(() => page.getByLabel('Model').inputValue()).toBe('local/hayloft-tiny-chat');
    await page.getByText('Running on WASM').waitFor({ timeout: 60_000 });
    await page.getByLabel('Message').fill('Hello?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => answers(page).nth(1).textContent(), { timeout: 30_000 }).toContain(tinyModelReplies['hayloft-tiny-chat']);
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('should say plainly that the model host cannot be reached, instead of spinning', async () => {
    const before = blocked.length;
    const page = await demo.context.newPage();
    // No local model server: the model would come from the Hugging Face hub, which this test blocks.
    await page.goto(`${demo.url}?localModel=onnx-community/Qwen2.5-0.5B-Instruct`);
    const alert = page.locator('.hayloft-progress [role="alert"]');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain('could not be reached');
    await page.getByRole('button', { name: 'Retry' }).first().waitFor();
    // Everything that tried to leave went to the hub, and was stopped.
    const attempts = blocked.splice(before);
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts.every((url) => url.includes('Qwen2.5-0.5B-Instruct'))).toBe(true);
    await page.close();
  }, 60_000);

  it('should chat with a cloud model through the proxy, stop a stream and keep its text, and never hold the key', async () => {
    const page = await openDemo();
    const option = page.locator('option', { hasText: 'OpenAI · gpt-4o-mini' });
    await option.waitFor({ state: 'attached' });
    await page.getByLabel('Model').selectOption({ label: 'OpenAI · gpt-4o-mini' });
    // Threads are kept across models (IndexedDB): start a new one.
    await page.locator('[data-action="new-thread"]').click();

    demo.replay.enqueue({ sse: textStream('Hay is dried grass.') });
    await page.getByLabel('Message').fill('What is hay?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => answers(page).nth(1).textContent()).toContain('Hay is dried grass.');
    const sent = demo.replay.requests.at(-1);
    expect(sent?.headers.authorization).toBe(`Bearer ${fakeKey}`);

    // A slow answer, stopped halfway: the words that arrived stay.
    demo.replay.enqueue({ sse: tokenStream(400), writeDelayMs: 20 });
    await page.getByLabel('Message').fill('Tell me a long story.');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => answers(page).nth(3).textContent()).toContain('w10 ');
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await expect.poll(() => answers(page).nth(3).getAttribute('data-status')).toBe('stopped');
    const kept = (await answers(page).nth(3).textContent()) ?? '';
    expect(kept).toContain('w10 ');
    expect(kept).not.toContain('w399');

    const html = await page.content();
    expect(html).not.toContain(fakeKey);
    expect(blocked).toEqual([]);
    await page.close();
  }, 120_000);

  it('should list the Hugging Face endpoints the proxy names, and chat with one through the proxy', async () => {
    const page = await demo.open();
    await page.locator('option', { hasText: 'Hugging Face endpoint · my-tgi' }).waitFor({ state: 'attached' });
    await page.getByLabel('Model').selectOption({ label: 'Hugging Face endpoint · my-tgi' });
    await page.locator('[data-action="new-thread"]').click();
    demo.replay.enqueue({ sse: textStream('TGI answers here.') });
    await page.getByLabel('Message').fill('Who answers?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => page.getByRole('log').locator('[data-role]').nth(1).textContent()).toContain('TGI answers here.');
    const sent = demo.replay.requests.at(-1);
    expect(sent?.url).toBe('/tgi/v1/chat/completions');
    expect(sent?.headers.authorization).toBe(`Bearer ${demoFakeHfToken}`);
    expect(await page.content()).not.toContain(demoFakeHfToken);
    expect(demo.blocked).toEqual([]);
    await page.close();
  }, 120_000);
});
