import { inject } from 'vitest';
import type { RecordedRequest, ReplayResponse } from './replay-server.js';

/** Scripts the replay server from a browser test. */
export const replay = {
  url: (): string => inject('replayUrl'),
  async enqueue(...responses: ReplayResponse[]): Promise<void> {
    await fetch(`${inject('replayUrl')}/__replay/enqueue`, { method: 'POST', body: JSON.stringify(responses) });
  },
  async requests(): Promise<RecordedRequest[]> {
    return (await (await fetch(`${inject('replayUrl')}/__replay/requests`, { method: 'POST' })).json()) as RecordedRequest[];
  },
  /** How many connections the client closed before the response ended (since the last reset). */
  async disconnects(): Promise<number> {
    return ((await (await fetch(`${inject('replayUrl')}/__replay/disconnects`, { method: 'POST' })).json()) as { count: number }).count;
  },
  async reset(): Promise<void> {
    await fetch(`${inject('replayUrl')}/__replay/reset`, { method: 'POST' });
  },
};
