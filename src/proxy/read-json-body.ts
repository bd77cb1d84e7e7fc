import { ProxyError } from './proxy-error.js';

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Reads a JSON request body with a size cap: a `Content-Length` over the cap is refused before a byte
 * is read, and a chunked or lying body is cut off as soon as it passes the cap. Refuses non-JSON
 * content types, malformed JSON, nesting deeper than `maxDepth` and prototype-polluting keys.
 */
export const readJsonBody = async (
  request: Request,
  maxBytes: number,
  maxDepth: number,
  nodeBody?: AsyncIterable<Uint8Array>,
): Promise<unknown> => {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new ProxyError(415, 'unsupported_media_type', 'Send the request body as application/json.');
  }
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  const parts: Uint8Array[] = [];
  let size = 0;
  if (nodeBody) {
    // On Node the body is read from the socket's own stream: turning it into a web stream first
    // costs more than the rest of the request's checks together.
    // Leaving the loop stops reading; the server closes the connection after the 413 is sent.
    for await (const part of nodeBody) {
      size += part.byteLength;
      if (size > maxBytes) break;
      parts.push(part);
    }
    if (size > maxBytes) throw tooLarge(maxBytes);
  } else {
    if (request.body === null) throw new ProxyError(400, 'invalid_body', 'The request needs a JSON body.');
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(maxBytes);
      }
      parts.push(value);
    }
  }
  if (size === 0) throw new ProxyError(400, 'invalid_body', 'The request needs a JSON body.');
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProxyError(400, 'invalid_body', 'The request body is not valid UTF-8.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text, (key, item: unknown) => {
      if (forbiddenKeys.has(key)) throw new ProxyError(400, 'invalid_body', `The key '${key}' is not allowed in a request body.`);
      return item;
    });
  } catch (error) {
    if (error instanceof ProxyError) throw error;
    throw new ProxyError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
  if (depthOf(value, maxDepth) > maxDepth) {
    throw new ProxyError(400, 'invalid_body', `The request body nests deeper than ${maxDepth} levels.`);
  }
  return value;
};

const tooLarge = (maxBytes: number): ProxyError =>
  new ProxyError(413, 'body_too_large', `The request body is larger than ${maxBytes} bytes.`);

// Iterative, so a hostile body cannot overflow the stack; stops counting past the limit.
const depthOf = (root: unknown, limit: number): number => {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, depth] = item;
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
};
