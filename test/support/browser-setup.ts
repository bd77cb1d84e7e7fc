import type { TestProject } from 'vitest/node';
import { startReplayServer } from './replay-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The replay server's URL, for browser tests (`inject('replayUrl')`). */
    replayUrl: string;
  }
}

/** Starts one replay server on 127.0.0.1 for the browser tests, scriptable over `/__replay/*`. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startReplayServer({ browser: true });
  project.provide('replayUrl', server.url);
  return () => server.close();
}
