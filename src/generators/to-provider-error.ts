import { AbortError, HayloftError, ProviderError } from '../core/index.js';
import type { OpenAISdk } from './load-openai.js';
import { redact } from '../core/redact.js';
import { readRetryAfter } from '../core/retry-after.js';

/** The provider's name at the start of a sentence ("the OpenAI-compatible server" → "The ..."). */
const sentenceStart = (provider: string): string => provider.charAt(0).toUpperCase() + provider.slice(1);

const describeStatus = (name: string, status: number, detail: string, retryAfter: number | undefined): string => {
  const provider = sentenceStart(name);
  const more = detail === '' ? '' : ` ${detail}`;
  if (status === 401 || status === 403) {
    // Never repeat the provider's text here: OpenAI's 401 quotes part of the key.
    return `${provider} refused the credentials (${status}). Check the API key configured on the server or in hayloft's proxy.`;
  }
  if (status === 404) return `${provider} could not find the model, deployment or path (404).${more}`;
  if (status === 429) {
    const wait = retryAfter === undefined ? '' : ` Retry after ${Math.ceil(retryAfter)} s.`;
    return `${provider} is rate limiting requests (429).${wait}${more}`;
  }
  if (status >= 500) return `${provider} had a server error (${status}). Try again in a moment.${more}`;
  return `${provider} rejected the request (${status}).${more}`;
};

interface ErrorBody {
  message?: unknown;
  code?: unknown;
  type?: unknown;
}

const readBody = (error: unknown): ErrorBody => (typeof error === 'object' && error !== null ? (error) : {});

/**
 * Turns anything the `openai` client throws into hayloft's errors: `AbortError` for a caller abort,
 * `ProviderError` with status, code, retryAfter and a message that says what to do, and never a key.
 */
export const toProviderError = (
  error: unknown,
  sdk: OpenAISdk | undefined,
  context: { provider: string; secrets: readonly string[]; signal?: AbortSignal | undefined },
): HayloftError => {
  if (HayloftError.isInstance(error)) return error;
  const { provider, secrets } = context;
  if (context.signal?.aborted || (sdk && error instanceof sdk.APIUserAbortError)) {
    return new AbortError('The request was aborted; the text received so far is kept.', { cause: error });
  }
  if (sdk && error instanceof sdk.APIConnectionTimeoutError) {
    return new ProviderError(`${sentenceStart(provider)} did not answer in time. Try again, or raise the generator's timeout.`, {
      code: 'timeout',
      provider,
      cause: error,
    });
  }
  if (sdk && error instanceof sdk.APIError && typeof error.status === 'number') {
    const status: number = error.status;
    const headers = error.headers instanceof Headers ? error.headers : undefined;
    const body = readBody(error.error);
    const retryAfter = readRetryAfter(headers);
    const detail = typeof body.message === 'string' ? redact(body.message, secrets).slice(0, 500) : '';
    return new ProviderError(redact(describeStatus(provider, status, detail, retryAfter), secrets), {
      status,
      code: typeof body.code === 'string' ? body.code : typeof error.code === 'string' && error.code !== '' ? error.code : undefined,
      type: typeof body.type === 'string' ? body.type : undefined,
      retryAfter,
      provider,
      requestId: headers?.get('x-request-id') ?? headers?.get('apim-request-id') ?? undefined,
      // No `cause`: the client's error repeats the provider's text, and a 401's text quotes the key.
    });
  }
  if (sdk && error instanceof sdk.APIError) {
    // An error event inside a stream that had started: no status, the provider's own message.
    const body = readBody(error.error);
    const detail = typeof body.message === 'string' ? body.message : error.message;
    return new ProviderError(redact(`${sentenceStart(provider)} reported an error mid-stream: ${detail}`, secrets).slice(0, 600), {
      code: typeof body.code === 'string' ? body.code : 'stream_error',
      type: typeof body.type === 'string' ? body.type : undefined,
      provider,
    });
  }
  if (sdk && error instanceof sdk.APIConnectionError) {
    return new ProviderError(`Could not reach ${provider}. Check the network and the generator's base URL.`, {
      code: 'network_error',
      provider,
      cause: error,
    });
  }
  // The body broke off mid-stream (the fetch reader throws a TypeError such as "terminated").
  const reason = error instanceof Error ? error.message : String(error);
  return new ProviderError(redact(`The connection to ${provider} broke off: ${reason}`, secrets), {
    code: 'network_error',
    provider,
    cause: error,
  });
};
