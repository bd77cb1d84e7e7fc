import { ProxyError } from './proxy-error.js';

// Request headers a browser client may send: the openai client's own, and the host app's auth.
const allowedRequestHeader = /^(content-type|authorization|accept|x-requested-with|x-stainless-[a-z0-9-]+|openai-[a-z0-9-]+|x-request-id)$/;

/** CORS decisions for one request, by exact origin. */
export interface CorsPolicy {
  /** Headers to add to the response (empty for same-origin or origin-less requests). */
  headers: Record<string, string>;
  /** The answer to a preflight, when this is one. */
  preflight: Response | undefined;
}

/**
 * Allows only the configured exact origins (never `*`), adds `Vary: Origin`, refuses `null` and
 * unknown origins with 403 before any upstream call. Requests without an `Origin` header (servers,
 * same-origin navigations) and same-origin requests pass.
 */
export const corsPolicy = (request: Request, allowedOrigins: readonly string[], allowCredentials: boolean): CorsPolicy => {
  const origin = request.headers.get('origin');
  if (origin === null) return { headers: { vary: 'Origin' }, preflight: undefined };
  const sameOrigin = origin === new URL(request.url).origin;
  if (origin === 'null' || (!sameOrigin && !allowedOrigins.includes(origin))) {
    throw new ProxyError(403, 'origin_not_allowed', 'This origin may not call the proxy.');
  }
  const headers: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'Origin' };
  if (allowCredentials) headers['access-control-allow-credentials'] = 'true';
  headers['access-control-expose-headers'] = 'x-request-id, retry-after';
  if (request.method !== 'OPTIONS') return { headers, preflight: undefined };

  const asked = (request.headers.get('access-control-request-headers') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const refused = asked.find((name) => !allowedRequestHeader.test(name));
  if (refused) throw new ProxyError(403, 'header_not_allowed', `The request header '${refused.slice(0, 60)}' is not allowed.`);
  const method = request.headers.get('access-control-request-method') ?? '';
  if (method !== 'GET' && method !== 'POST') throw new ProxyError(403, 'method_not_allowed', 'Only GET and POST are allowed.');
  return {
    headers,
    preflight: new Response(null, {
      status: 204,
      headers: {
        ...headers,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': asked.join(', '),
        'access-control-max-age': '600',
      },
    }),
  };
};
