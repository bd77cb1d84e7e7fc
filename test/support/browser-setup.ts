import type { TestProject } from 'vitest/node';
import { serveProxy } from '../../src/proxy/node.js';
import { startReplayServer } from './replay-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The replay server's URL, for browser tests (`inject('replayUrl')`). */
    replayUrl: string;
    /** A real hayloft proxy in front of the replay server, allowing the test page's origin. */
    proxyUrl: string;
  }
}

/** Starts one replay server on 127.0.0.1 for the browser tests (scriptable over `/__replay/*`) and a proxy in front of it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startReplayServer({ browser: true });
  project.provide('replayUrl', server.url);
  // The page is served by Vitest's browser server; its port is fixed by config (strictPort below).
  const port = project.config.browser.api.port;
  const proxy = await serveProxy(
    {
      providers: { openai: { apiKey: 'sk-browser-setup-proxy', baseUrl: `${server.url}/v1`, models: ['gpt-4o-mini', 'gpt-4.1'] } },
      allowedOrigins: [`http://localhost:${port}`, `http://127.0.0.1:${port}`],
    },
    { port: 0 },
  );
  project.provide('proxyUrl', proxy.url);
  return async () => {
    await proxy.close();
    await server.close();
  };
}
