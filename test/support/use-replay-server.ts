import { afterAll, afterEach } from 'vitest';
import { startReplayServer, type ReplayServer } from './replay-server.js';

/** Starts one replay server for a test file, resets it after each test and closes it at the end. */
export const useReplayServer = async (): Promise<ReplayServer> => {
  const server = await startReplayServer();
  afterEach(() => server.reset());
  afterAll(() => server.close());
  return server;
};
