import { createReadStream, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** A URL prefix served from a folder. */
export interface StaticMount {
  readonly prefix: string;
  readonly dir: string;
}

/** Serves one file slowly: `chunkBytes` every `delayMs`, to show download progress with a tiny model. */
export interface SlowFile {
  readonly pattern: RegExp;
  readonly chunkBytes: number;
  readonly delayMs: number;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

const sendSlowly = (response: ServerResponse, path: string, start: number, end: number, slow: SlowFile): void => {
  const stream = createReadStream(path, { start, end, highWaterMark: slow.chunkBytes });
  stream.on('data', (chunk) => {
    stream.pause();
    response.write(chunk);
    setTimeout(() => stream.resume(), slow.delayMs);
  });
  stream.on('end', () => response.end());
  stream.on('error', () => response.destroy());
};

/** A URL prefix forwarded to another server on 127.0.0.1, the prefix removed (as `npm run demo` forwards /api/ to the proxy). */
export interface ForwardMount {
  readonly prefix: string;
  readonly target: string;
}

// Streams request and response both ways, so SSE and client disconnects pass through.
const forward = (request: IncomingMessage, response: ServerResponse, mount: ForwardMount): void => {
  const target = new URL(`/${(request.url ?? '/').slice(mount.prefix.length)}`, mount.target);
  const { origin: _origin, host: _host, ...headers } = request.headers;
  const upstream = httpRequest(target, { method: request.method, headers }, (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => response.destroy());
  response.on('close', () => upstream.destroy());
  request.pipe(upstream);
};

/**
 * A static file server on 127.0.0.1 for built fixture apps and the files they fetch (models,
 * onnxruntime-web), with `Range` support (transformers.js checks remote files with a one-byte range
 * request), a log of every path asked for, and optionally slow files.
 */
export const serveStatic = async (
  mounts: readonly StaticMount[],
  options: { slow?: readonly SlowFile[]; forwards?: readonly ForwardMount[] } = {},
): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> => {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    requests.push(path);
    const forwardTo = options.forwards?.find((candidate) => path.startsWith(candidate.prefix));
    if (forwardTo !== undefined) {
      forward(request, response, forwardTo);
      return;
    }
    const mount = mounts.find((candidate) => path.startsWith(candidate.prefix));
    if (mount === undefined || path.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    let file = normalize(join(mount.dir, path.slice(mount.prefix.length)));
    let size: number;
    try {
      const stats = statSync(file);
      if (stats.isDirectory()) file = join(file, 'index.html');
      size = statSync(file).size;
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string | number> = {
      'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'accept-ranges': 'bytes',
      'cache-control': 'no-cache',
    };
    let start = 0;
    let end = size - 1;
    const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? '');
    if (range !== null && size > 0) {
      start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
      end = range[1] !== '' && range[2] !== '' ? Math.min(Number(range[2]), size - 1) : size - 1;
      headers['content-range'] = `bytes ${start}-${end}/${size}`;
    }
    headers['content-length'] = size === 0 ? 0 : end - start + 1;
    response.writeHead(range === null ? 200 : 206, headers);
    if (request.method === 'HEAD' || size === 0) {
      response.end();
      return;
    }
    const slow = options.slow?.find((candidate) => candidate.pattern.test(path));
    if (slow !== undefined && range === null) sendSlowly(response, file, start, end, slow);
    else createReadStream(file, { start, end }).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
