import { readRetryAfter } from '../core/retry-after.js';
import { ProxyError } from './proxy-error.js';

/** One upstream call: URL, headers and body come from the proxy's config and validation only. */
export interface UpstreamRequest {
  provider: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | undefined;
}

/** Timing and retry settings for upstream calls. */
export interface UpstreamPolicy {
  firstByteMs: number;
  maxAttempts: number;
  budgetMs: number;
  fetch: typeof globalThis.fetch;
}

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    }, { once: true });
  });

const retryable = (status: number): boolean => status === 429 || status === 502 || status === 503 || status === 504 || status === 500;

/**
 * Calls the upstream, following no redirect, and retries 429 and 5xx answers (and connection failures)
 * before any byte has been passed on, honouring the upstream's retry hints within a time budget.
 * Aborting `controller` stops everything (the client went away). Resolves to the final response and the retries.
 */
export const callUpstream = async (
  request: UpstreamRequest,
  policy: UpstreamPolicy,
  controller: AbortController,
): Promise<{ response: Response; retries: number }> => {
  const { signal } = controller;
  const started = Date.now();
  let retries = 0;
  for (let attempt = 1; ; attempt += 1) {
    // The request's one controller governs the body too: the first-byte timer stops at the headers,
    // and a timeout is not retried, so no controller per attempt is needed (each costs ~50 µs on Node 20).
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('first byte timeout'));
    }, policy.firstByteMs);
    let response: Response;
    try {
      response = await policy.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      if (signal.aborted && !timedOut) throw error;
      const canRetry = !timedOut && attempt < policy.maxAttempts && Date.now() - started < policy.budgetMs;
      if (canRetry) {
        retries += 1;
        await sleep(Math.min(250 * 2 ** (attempt - 1), 2000), signal);
        continue;
      }
      throw timedOut
        ? new ProxyError(504, 'upstream_timeout', `${request.provider} did not answer in time.`, { provider: request.provider })
        : new ProxyError(502, 'upstream_unreachable', `${request.provider} could not be reached.`, { provider: request.provider });
    } finally {
      clearTimeout(timer);
    }
    if (!retryable(response.status) || attempt >= policy.maxAttempts) return { response, retries };
    const hint = readRetryAfter(response.headers);
    const waitMs = Math.min(hint === undefined ? 250 * 2 ** (attempt - 1) : hint * 1000, 10_000);
    if (Date.now() - started + waitMs > policy.budgetMs) return { response, retries };
    await response.body?.cancel().catch(() => undefined);
    retries += 1;
    await sleep(waitMs, signal);
  }
};
