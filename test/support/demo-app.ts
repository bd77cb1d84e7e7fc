/**
 * The demo as `npm run demo` serves it, for end-to-end tests in Chromium: the built app on 127.0.0.1
 * with /api/ forwarded to a real hayloft proxy (a fake OpenAI key, a replay upstream), and the tiny
 * local models with onnxruntime-web's files served by the same server. Every request that would
 * leave 127.0.0.1 is aborted and listed in `blocked`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { serveProxy } from '../../src/proxy/node.js';
import { writeTinyModels } from '../fixtures/tiny-model.js';
import { blockOutsideRequests, launchChromium } from './chromium.js';
import { buildFixtureApp } from './fixture-app.js';
import { startReplayServer, type ReplayServer } from './replay-server.js';
import { serveStatic } from './static-server.js';

/** The fake key the proxy holds; the page must never see it. */
export const demoFakeKey = 'sk-demo-e2e-0123456789abcdef';

/** The query that points the demo at the tiny local chat model served on 127.0.0.1. */
export const tinyModelQuery = '?localModels=/models/&ort=/ort/&localModel=hayloft-tiny-chat';

/** A running demo: its URL, the replay upstream behind the proxy, and the browser driving it. */
export interface DemoApp {
  /** The page's URL, with a trailing slash. */
  readonly url: string;
  readonly replay: ReplayServer;
  readonly context: BrowserContext;
  /** URLs the page tried to reach outside 127.0.0.1 (aborted). */
  readonly blocked: string[];
  /** Opens the demo with the tiny local model as its default. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

/** Options of {@link startDemoApp}. */
export interface DemoAppOptions {
  /** The OpenAI models the proxy allows; default `['gpt-4o-mini']`. */
  readonly openaiModels?: readonly string[];
  /** Hugging Face endpoints (name → path on the replay upstream) the proxy serves, with a fake HF token. */
  readonly hfEndpoints?: Readonly<Record<string, string>>;
}

/** The fake Hugging Face token the proxy holds when `hfEndpoints` are given. */
export const demoFakeHfToken = 'hf_demo_e2e_0123456789abcdef';

/** Builds the demo, starts the proxy, the replay upstream, the static server and Chromium. */
export const startDemoApp = async (options: DemoAppOptions = {}): Promise<DemoApp> => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'hayloft-tiny-'));
  writeTinyModels(modelsDir);
  const [app, replay, browser] = await Promise.all([buildFixtureApp(new URL('../../demo/', import.meta.url)), startReplayServer(), launchChromium()]);
  const models = [...(options.openaiModels ?? ['gpt-4o-mini'])];
  const endpoints = Object.fromEntries(Object.entries(options.hfEndpoints ?? {}).map(([name, path]) => [name, { url: `${replay.url}${path}` }]));
  const proxy = await serveProxy(
    {
      providers: {
        openai: { apiKey: demoFakeKey, baseUrl: `${replay.url}/v1`, models },
        ...(options.hfEndpoints === undefined ? {} : { huggingface: { apiKey: demoFakeHfToken, models: [], endpoints } }),
      },
    },
    { port: 0 },
  );
  const server = await serveStatic(
    [
      { prefix: '/models/', dir: modelsDir },
      { prefix: '/ort/', dir: fileURLToPath(new URL('../../node_modules/onnxruntime-web/dist/', import.meta.url)) },
      { prefix: '/', dir: app.outDir },
    ],
    { forwards: [{ prefix: '/api/', target: proxy.url }] },
  );
  const blocked = await blockOutsideRequests(browser.context);
  return {
    url: server.url,
    replay,
    context: browser.context,
    blocked,
    open: async () => {
      const page = await browser.context.newPage();
      await page.goto(`${server.url}${tinyModelQuery}`);
      return page;
    },
    close: async () => {
      await browser.close();
      await Promise.all([server.close(), proxy.close(), replay.close()]);
      app.remove();
      rmSync(modelsDir, { recursive: true, force: true });
    },
  };
};
