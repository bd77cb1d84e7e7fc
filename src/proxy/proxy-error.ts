/** The one error shape the proxy answers with. */
export interface ProxyErrorBody {
  error: { code: string; message: string; provider: string | null; request_id: string; details?: Record<string, unknown> };
}

/** A refusal or failure the proxy turns into its error shape; the message is safe to show. */
export class ProxyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { provider?: string | null; retryAfter?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

/** A JSON error response in the proxy's shape. */
export const errorResponse = (error: ProxyError, requestId: string, headers: Record<string, string> = {}): Response => {
  const body: ProxyErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      provider: error.options.provider ?? null,
      request_id: requestId,
      ...(error.options.details ? { details: error.options.details } : {}),
    },
  };
  const out = new Headers(headers);
  out.set('content-type', 'application/json; charset=utf-8');
  out.set('cache-control', 'no-store');
  if (error.options.retryAfter !== undefined) out.set('retry-after', String(Math.max(1, Math.ceil(error.options.retryAfter))));
  return new Response(JSON.stringify(body), { status: error.status, headers: out });
};
