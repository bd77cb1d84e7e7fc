// A floor for the proxy's first-byte benchmark: the least a relay written in Node can do, in a process
// of its own, started, pinned and loaded exactly like proxy-runner.ts. argv[2] is the kind, argv[3] the
// fake upstream's URL:
// - `tcp`: an L4 relay, no HTTP at all: each client connection gets a connection to the upstream and
//   the bytes are piped both ways (transparent, so clients use the upstream's own paths);
// - `http`: a minimal node:http relay: each request is sent on to the upstream (same method, path,
//   headers and body) through a keep-alive agent, and the answer's status and headers are written
//   back and its body piped to the client; no validation, no routing, no Hono.
// Sends { url } once listening; answers IPC { type: 'cpu' } with the CPU time it has used (user +
// system, ms), as proxy-runner.ts does.
import { Agent, createServer as createHttpServer, request } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';

const kind = process.argv[2];
const upstream = new URL(process.argv[3] ?? '');

// Headers of one connection, not of the message: the relay's own sockets carry their own.
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'upgrade', 'te', 'trailer', 'proxy-connection']);
const endToEnd = (headers) => Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));

const tcpRelay = () =>
  createTcpServer({ noDelay: true }, (client) => {
    const toUpstream = connect({ host: upstream.hostname, port: Number(upstream.port), noDelay: true });
    client.pipe(toUpstream);
    toUpstream.pipe(client);
    client.on('error', () => toUpstream.destroy());
    toUpstream.on('error', () => client.destroy());
    client.on('close', () => toUpstream.destroy());
    toUpstream.on('close', () => client.destroy());
  });

const httpRelay = () => {
  // The same agent settings as the proxy's node:http transport (src/proxy/node-fetch.ts), and the
  // server's defaults, as serveProxy's.
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, scheduling: 'lifo' });
  return createHttpServer((req, res) => {
    const toUpstream = request(
      new URL(req.url ?? '/', upstream),
      { method: req.method, headers: endToEnd(req.headers), agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    toUpstream.on('error', () => res.destroy());
    res.on('close', () => {
      if (!res.writableFinished) toUpstream.destroy();
    });
    req.pipe(toUpstream);
  });
};

if (kind !== 'tcp' && kind !== 'http') throw new Error(`floor-relay: kind must be tcp or http, not ${kind}`);
const server = kind === 'tcp' ? tcpRelay() : httpRelay();
server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${server.address().port}` }));
process.on('message', (message) => {
  if (message?.type !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ type: 'cpu', ms: (user + system) / 1000 });
});
process.on('disconnect', () => process.exit(0));
