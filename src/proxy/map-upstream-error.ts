import { redact } from '../core/redact.js';
import { ProxyError } from './proxy-error.js';
import { readRetryAfter } from '../core/retry-after.js';

const maxErrorBody = 64 * 1024;

const readLimited = async (response: Response): Promise<string> => {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > maxErrorBody) {
      await reader.cancel().catch(() => undefined);
      break;
    }
  }
  return text;
};

interface UpstreamErrorBody {
  message?: string;
  code?: string;
  details?: Record<string, unknown>;
}

const parseErrorBody = (text: string): UpstreamErrorBody => {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null) return {};
  const error = (value as { error?: unknown }).error;
  // Hugging Face answers `{ error: "Model ... is currently loading" }`.
  if (typeof error === 'string') return { message: error };
  const body = (typeof error === 'object' && error !== null ? error : value) as Record<string, unknown>;
  const inner = body.innererror as { content_filter_result?: unknown } | undefined;
  return {
    message: typeof body.message === 'string' ? body.message : undefined,
    code: typeof body.code === 'string' ? body.code : undefined,
    details: inner?.content_filter_result ? { content_filter_result: inner.content_filter_result } : undefined,
  };
};

/**
 * Turns an upstream error answer into the proxy's error shape: 401/403 become a generic 502 (the
 * provider refused the proxy's own key; its text may quote the key), redirects a 502 (never
 * followed), and other errors keep their status, code and a redacted, shortened message.
 */
export const mapUpstreamError = async (response: Response, provider: string, secrets: readonly string[]): Promise<ProxyError> => {
  const status = response.status;
  if (status >= 300 && status < 400) {
    await response.body?.cancel().catch(() => undefined);
    return new ProxyError(502, 'upstream_redirect', `${provider} answered with a redirect, which the proxy does not follow.`, { provider });
  }
  if (status === 401 || status === 403) {
    await response.body?.cancel().catch(() => undefined);
    return new ProxyError(502, 'upstream_auth_failed', `${provider} refused the proxy's credentials. The server's configuration needs attention.`, { provider });
  }
  const body = parseErrorBody(await readLimited(response));
  const message = redact(body.message ?? `${provider} answered with status ${status}.`, secrets).slice(0, 300);
  const retryAfter = status === 429 || status >= 500 ? (readRetryAfter(response.headers) ?? 1) : undefined;
  const mappedStatus = status >= 500 ? (status === 503 || status === 504 ? status : 502) : status;
  return new ProxyError(mappedStatus, body.code ?? (status === 429 ? 'rate_limited' : status >= 500 ? 'upstream_error' : 'upstream_rejected'), message, {
    provider,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(body.details ? { details: body.details } : {}),
  });
};
