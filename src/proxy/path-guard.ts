import { ProxyError } from './proxy-error.js';

// Plain path characters only: no percent-encoding (so no %2e%2e or %2F), no backslashes, no ';'.
const safePath = /^\/[A-Za-z0-9._~/-]*$/;

/**
 * Refuses a raw request path that could be read two ways: encoded characters, dot segments, empty
 * segments (`//`). Checked on the path as sent, before any router decodes it, on every route.
 */
export const assertSafePath = (rawPath: string): void => {
  const unsafe =
    !safePath.test(rawPath) ||
    rawPath.includes('//') ||
    rawPath.split('/').some((segment) => segment === '.' || segment === '..');
  if (unsafe) {
    throw new ProxyError(400, 'invalid_path', 'The request path is not allowed: use the plain provider paths.');
  }
};

/** The raw path of a request URL, as the client sent it (no normalisation). */
export const rawPathOf = (url: string): string => {
  const afterScheme = url.indexOf('://');
  const pathStart = afterScheme === -1 ? 0 : url.indexOf('/', afterScheme + 3);
  if (pathStart === -1) return '/';
  const end = url.slice(pathStart).search(/[?#]/);
  return end === -1 ? url.slice(pathStart) : url.slice(pathStart, pathStart + end);
};
