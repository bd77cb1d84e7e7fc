import { fork } from 'node:child_process';
import type { CDPSession } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../test/support/chromium.js';
import { serveFixtureApp } from '../../test/support/fixture-app.js';

/** What a browser benchmark runs against: the bench SSE server, its page, and Chromium. */
export interface BrowserBench {
  /** The SSE server's base URL (`http://127.0.0.1:<port>`). */
  serverUrl: string;
  /** The built page's URL. */
  appUrl: string;
  browser: Awaited<ReturnType<typeof launchChromium>>;
}

/**
 * Starts the bench SSE server (its own process, so its work does not share the page's machine time
 * with the test runner's event loop), builds and serves a page from bench/fixtures/, and launches
 * Chromium, for the tests of one file; all of it stops after them.
 */
export const useBrowserBench = (page: string): BrowserBench => {
  const bench = {} as BrowserBench;
  let close: () => Promise<void> = () => Promise.resolve();
  beforeAll(async () => {
    const server = fork(new URL('./sse-server.mjs', import.meta.url), ['100'], { stdio: 'inherit' });
    const port = await new Promise<number>((resolve) => server.once('message', (message) => resolve((message as { port: number }).port)));
    const [app, browser] = await Promise.all([serveFixtureApp(new URL(`../fixtures/${page}/`, import.meta.url)), launchChromium()]);
    Object.assign(bench, { serverUrl: `http://127.0.0.1:${port}`, appUrl: app.url, browser });
    close = async () => {
      await Promise.all([app.close(), browser.close()]);
      server.kill();
    };
  }, 180_000);
  afterAll(() => close());
  return bench;
};

/** Main-thread busy time so far, in ms: Chromium's TaskDuration metric. */
export const taskDurationMs = async (cdp: CDPSession): Promise<number> => {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((entry) => entry.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
};
