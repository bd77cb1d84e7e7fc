/**
 * Seconds to wait before retrying, from `retry-after-ms`, Azure's `x-ms-retry-after-ms`, or
 * `retry-after` (seconds or an HTTP date). Shared by the generators and the proxy.
 */
export const readRetryAfter = (headers: Headers | undefined): number | undefined => {
  if (!headers) return undefined;
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number.parseFloat(headers.get(name) ?? '');
    if (Number.isFinite(ms) && ms >= 0) return ms / 1000;
  }
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
};
