import type { RecordedRequest } from './replay-server.js';

interface FixtureChunk {
  choices?: Array<{
    index?: number;
    delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
  }>;
}

/** The text a recorded stream carries for one choice: what a correct assembler must produce. */
export const expectedText = (chunks: unknown[], choice = 0): string =>
  (chunks as FixtureChunk[])
    .flatMap((chunk) => chunk.choices ?? [])
    .filter((item) => (item.index ?? 0) === choice)
    .map((item) => item.delta?.content ?? '')
    .join('');

/** The reasoning a recorded stream carries. */
export const expectedReasoning = (chunks: unknown[]): string =>
  (chunks as FixtureChunk[])
    .flatMap((chunk) => chunk.choices ?? [])
    .map((item) => item.delta?.reasoning_content ?? item.delta?.reasoning ?? '')
    .join('');

const volatileHeaders = /^(host|connection|content-length|user-agent|x-stainless-.*|accept-encoding|sec-fetch-mode|accept-language)$/;

/** A request as snapshotted: credentials redacted, machine-specific headers left out. */
export const redactedRequest = (request: RecordedRequest) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers).sort(([a], [b]) => a.localeCompare(b))) {
    if (volatileHeaders.test(name)) continue;
    if (name === 'authorization') headers[name] = value.startsWith('Bearer ') ? 'Bearer [redacted]' : '[redacted]';
    else if (name === 'api-key') headers[name] = '[redacted]';
    else headers[name] = value;
  }
  return { method: request.method, url: request.url, headers, body: request.json ?? request.body };
};

/** The error a promise rejects with; fails the test when it resolves instead. */
export const rejectionOf = async <E = Error>(promise: Promise<unknown>): Promise<E> => {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('Expected the promise to reject, but it resolved.');
};
