// `npm run screenshots`: photographs the real demo, light and dark, into docs/screenshots/. The demo
// is built as `npm run demo` serves it, in front of a real hayloft proxy whose upstream replays a
// recorded-format answer (so the pictures need no key and no network), and Debian's Chromium takes
// the pictures.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveProxy } from '../src/proxy/node.js';
import { writeTinyModels } from '../test/fixtures/tiny-model.js';
import { launchChromium } from '../test/support/chromium.js';
import { buildFixtureApp } from '../test/support/fixture-app.js';
import { startReplayServer } from '../test/support/replay-server.js';
import { serveStatic } from '../test/support/static-server.js';
import { textStream } from '../test/support/token-stream.js';

const answer = [
  'BM25 ranks documents by how often the query terms appear in them, damped so that repetition',
  'stops paying off, and normalised by document length. In a hayloft pipeline:',
  '',
  '```ts',
  "const retriever = new InMemoryBM25Retriever({ documentStore: store, topK: 3 });",
  "const { documents } = await retriever.run('What is BM25?');",
  '```',
  '',
  '- **k1** (default 1.5) sets how fast repeated terms saturate;',
  '- **b** (default 0.75) sets how much long documents are penalised.',
].join('\n');

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const modelsDir = mkdtempSync(join(tmpdir(), 'hayloft-tiny-'));
writeTinyModels(modelsDir);
const [app, replay] = await Promise.all([buildFixtureApp(new URL('../demo/', import.meta.url)), startReplayServer()]);
const proxy = await serveProxy({ providers: { openai: { apiKey: 'sk-screenshots-not-a-real-key', baseUrl: `${replay.url}/v1`, models: ['gpt-4o-mini'] } } }, { port: 0 });
const server = await serveStatic(
  [
    { prefix: '/models/', dir: modelsDir },
    { prefix: '/ort/', dir: fileURLToPath(new URL('../node_modules/onnxruntime-web/dist/', import.meta.url)) },
    { prefix: '/', dir: app.outDir },
  ],
  { forwards: [{ prefix: '/api/', target: proxy.url }] },
);
try {
  for (const theme of ['light', 'dark'] as const) {
    // A fresh profile per picture: chats persist in IndexedDB.
    const browser = await launchChromium();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${server.url}?localModels=/models/&ort=/ort/&localModel=hayloft-tiny-chat`);
    await page.locator('option', { hasText: 'OpenAI · gpt-4o-mini' }).waitFor({ state: 'attached' });
    await page.getByLabel('Model').selectOption({ label: 'OpenAI · gpt-4o-mini' });
    await page.locator('[data-action="new-thread"]').click();
    replay.enqueue({ sse: [...textStream(answer, 12), { id: 'usage', object: 'chat.completion.chunk', created: 1763805600, model: 'gpt-4o-mini', choices: [], usage: { prompt_tokens: 14, completion_tokens: 96, total_tokens: 110 } }] });
    await page.getByLabel('Message').fill('What is BM25, and how do I use it in hayloft?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('log').locator('[data-role="assistant"][data-status="complete"]').last().waitFor();
    // Code highlighting loads on the first finished code block.
    await page.locator('.hayloft-code pre.shiki').first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    await page.locator('textarea').blur();
    const file = join(outDir, `demo-${theme}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await browser.close();
  }
} finally {
  await Promise.all([server.close(), proxy.close(), replay.close()]);
  app.remove();
  rmSync(modelsDir, { recursive: true, force: true });
}
