// The proxy under benchmark, in a process of its own: serves every provider route against the fake
// upstream given as argv[2]; answers IPC { type: 'memory' } with its memory after a full collection,
// and { type: 'cpu' } with the CPU time it has used (user + system, ms).
import { serveProxy } from '../../src/proxy/node.js';

const upstream = process.argv[2] ?? '';
const proxy = await serveProxy(
  {
    providers: { openai: { apiKey: 'sk-bench-key', baseUrl: `${upstream}/v1`, models: ['bench'] } },
    limits: { maxTokens: 100_000 },
    timeouts: { idleMs: 600_000, totalMs: 3_600_000 },
    // PROXY_FETCH=global measures Node's global fetch instead of serveProxy's node:http transport.
    ...(process.env.PROXY_FETCH === 'global' ? { fetch: globalThis.fetch.bind(globalThis) } : {}),
  },
  { port: 0 },
);
process.send?.({ url: proxy.url });
process.on('message', (message: { type?: string }) => {
  if (message.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', ms: (user + system) / 1000 });
    return;
  }
  if (message.type !== 'memory') return;
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.send?.({ type: 'memory', rss, heapUsed });
});
process.on('disconnect', () => void proxy.close().then(() => process.exit(0)));
