/**
 * hayloft/local in real Chromium: a Vite-built page runs the tiny model in hayloft's module Worker,
 * on WASM and on WebGPU (SwiftShader), with every file served from 127.0.0.1 and every other request
 * blocked and listed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModelReplies, writeTinyModels } from '../fixtures/tiny-model.js';
import { blockOutsideRequests, launchChromium } from '../support/chromium.js';
import { buildFixtureApp } from '../support/fixture-app.js';
import { serveStatic, type SlowFile } from '../support/static-server.js';

interface LoadReport {
  device: { device: string; dtype: string | null; reason: string; fallbackAdapter?: boolean };
  events: Array<{ status: string; file?: string; percent: number; cached: boolean; loaded: number; total: number }>;
}
interface ChatReport {
  text: string | null;
  meta: Record<string, unknown>;
  chunks: string[];
}

const ortDir = fileURLToPath(new URL('../../node_modules/onnxruntime-web/dist/', import.meta.url));
const reply = tinyModelReplies['hayloft-tiny-chat'];

let modelsDir: string;
let app: Awaited<ReturnType<typeof buildFixtureApp>>;

beforeAll(async () => {
  modelsDir = mkdtempSync(join(tmpdir(), 'hayloft-tiny-'));
  writeTinyModels(modelsDir);
  app = await buildFixtureApp('local-app');
}, 120_000);
afterAll(() => {
  app.remove();
  rmSync(modelsDir, { recursive: true, force: true });
});

/** Serves the app, the models and onnxruntime-web; opens Chromium with every non-local request blocked and listed. */
const start = async (options: { webgpu?: boolean; slow?: readonly SlowFile[] } = {}) => {
  const server = await serveStatic(
    [
      { prefix: '/models/', dir: modelsDir },
      { prefix: '/ort/', dir: ortDir },
      { prefix: '/', dir: app.outDir },
    ],
    { slow: options.slow },
  );
  const browser = await launchChromium({ webgpu: options.webgpu });
  const blocked = await blockOutsideRequests(browser.context);
  const page = await open(browser.context, server.url);
  return {
    server,
    browser,
    page,
    blocked,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
};

const open = async (context: BrowserContext, url: string): Promise<Page> => {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => console.error('[local-app]', error));
  await page.goto(url);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  return page;
};

const load = (page: Page, model: string, device = 'auto') =>
  page.evaluate(({ model, device }) => window.hayloftLocal.load({ model, device: device as 'auto' }), { model, device }) as Promise<LoadReport>;
const chat = (page: Page, model: string, device = 'auto', maxNewTokens?: number) =>
  page.evaluate(
    ({ model, device, maxNewTokens }) => window.hayloftLocal.chat({ model, device: device as 'auto', text: 'Hi there', ...(maxNewTokens === undefined ? {} : { maxNewTokens }) }),
    { model, device, maxNewTokens },
  ) as Promise<ChatReport>;
const longTasksSince = (page: Page, since: number) => page.evaluate((from) => window.hayloftLocal.longTasksSince(from), since);
const modelRequests = (requests: readonly string[]) => requests.filter((path) => path.startsWith('/models/'));

describe('local models in Chromium', () => {
  it('should run the tiny model on WASM in a Worker, fall back from WebGPU without an adapter, and keep the main thread free', async () => {
    const session = await start();
    try {
      const since = await session.page.evaluate(() => window.hayloftLocal.now());
      const loaded = await load(session.page, 'hayloft-tiny-chat');
      // Without --enable-unsafe-webgpu there is no adapter: WASM, and the reason says so.
      expect(loaded.device.device).toBe('wasm');
      expect(loaded.device.reason).toMatch(/no WebGPU adapter/);
      const answer = await chat(session.page, 'hayloft-tiny-chat');
      expect(answer.text).toBe(reply);
      expect(answer.chunks.join('')).toBe(reply);
      expect(answer.chunks.filter((chunk) => chunk !== '').length).toBeGreaterThanOrEqual(6);
      expect(answer.meta).toMatchObject({ device: 'wasm', finish_reason: 'stop', usage: { completion_tokens: 6 } });
      expect(await session.page.evaluate(() => window.hayloftLocal.workers())).toBe(1);

      // Asked for WebGPU by name, it still answers, on WASM, and says why.
      const forced = await load(session.page, 'hayloft-tiny-loop', 'webgpu');
      expect(forced.device).toMatchObject({ device: 'wasm' });
      expect(forced.device.reason).toMatch(/WebGPU was asked for/);
      const truncated = await chat(session.page, 'hayloft-tiny-loop', 'webgpu', 9);
      expect(truncated.text).toBe('Hello from the tiny model.Hello from the');
      expect(truncated.meta.finish_reason).toBe('length');

      // The model loaded and generated in the Worker: no main-thread task over 50 ms meanwhile.
      const afterWork = await session.page.evaluate(() => window.hayloftLocal.now());
      expect(await longTasksSince(session.page, since)).toEqual([]);
      // ...and the observer does see one when the main thread is busy.
      // (A task of the page's own: code run by page.evaluate is not reported as a task.)
      await session.page.evaluate(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              const until = performance.now() + 80;
              while (performance.now() < until);
              resolve();
            }, 0),
          ),
      );
      await expect.poll(async () => (await longTasksSince(session.page, afterWork)).length).toBe(1);
      // The runtime files came from this server, not a CDN.
      expect(session.server.requests.some((path) => path.startsWith('/ort/') && path.endsWith('.wasm'))).toBe(true);
      expect(session.blocked).toEqual([]);
    } finally {
      await session.close();
    }
  }, 120_000);

  it('should load the model from the cache after a reload with no model requests, and download it again once evicted', async () => {
    const session = await start();
    try {
      expect(await session.page.evaluate(() => window.hayloftLocal.isCached({ model: 'hayloft-tiny-chat' }))).toBe(false);
      const first = await load(session.page, 'hayloft-tiny-chat');
      expect(first.events.at(-1)).toMatchObject({ status: 'ready', percent: 100, cached: false });
      expect(modelRequests(session.server.requests).length).toBeGreaterThan(0);

      session.server.requests.length = 0;
      const page = await open(session.browser.context, session.server.url);
      expect(await page.evaluate(() => window.hayloftLocal.isCached({ model: 'hayloft-tiny-chat' }))).toBe(true);
      const again = await load(page, 'hayloft-tiny-chat');
      expect(again.events.at(-1)).toMatchObject({ status: 'ready', percent: 100, cached: true });
      expect((await chat(page, 'hayloft-tiny-chat')).text).toBe(reply);
      expect(modelRequests(session.server.requests)).toEqual([]);

      // Evicted, the model is downloaded again.
      const removed = await page.evaluate(() => window.hayloftLocal.clearCache({ model: 'hayloft-tiny-chat' }));
      expect(removed).toBe(5);
      expect(await page.evaluate(() => window.hayloftLocal.isCached({ model: 'hayloft-tiny-chat' }))).toBe(false);
      const third = await load(page, 'hayloft-tiny-chat');
      expect(third.events.at(-1)).toMatchObject({ status: 'ready', percent: 100, cached: false });
      expect(modelRequests(session.server.requests)).toContain('/models/hayloft-tiny-chat/onnx/model.onnx');
      expect(session.blocked).toEqual([]);
    } finally {
      await session.close();
    }
  }, 120_000);

  it('should report the download of a slowly served model in order, never going backwards', async () => {
    const session = await start({ slow: [{ pattern: /\/onnx\/model\.onnx$/, chunkBytes: 2048, delayMs: 5 }] });
    try {
      const { events } = await load(session.page, 'hayloft-tiny-chat');
      const onnx = events.filter((event) => event.file === 'onnx/model.onnx');
      const statuses = onnx.map((event) => event.status);
      expect(statuses[0]).toBe('initiate');
      expect(statuses.indexOf('download')).toBeLessThan(statuses.indexOf('progress'));
      expect(statuses.lastIndexOf('progress')).toBeLessThan(statuses.indexOf('done'));
      expect(statuses.filter((status) => status === 'progress').length).toBeGreaterThanOrEqual(5);
      const percents = events.map((event) => event.percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(events.at(-1)).toMatchObject({ status: 'ready', percent: 100 });
      expect(events.at(-1)!.loaded).toBe(events.at(-1)!.total);
      expect(session.blocked).toEqual([]);
    } finally {
      await session.close();
    }
  }, 120_000);

  it('should run the tiny model on WebGPU (SwiftShader, no shader-f16) in the Worker', async () => {
    const session = await start({ webgpu: true });
    try {
      const loaded = await load(session.page, 'hayloft-tiny-chat');
      expect(loaded.device).toMatchObject({ device: 'webgpu', fallbackAdapter: true });
      expect(loaded.device.reason).toMatch(/without shader-f16/);
      const answer = await chat(session.page, 'hayloft-tiny-chat');
      expect(answer.text).toBe(reply);
      expect(answer.meta.device).toBe('webgpu');
      expect(session.blocked).toEqual([]);
    } finally {
      await session.close();
    }
  }, 180_000);
});
