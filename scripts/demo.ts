// `npm run demo`: hayloft's proxy (keys from the environment or .env, as `npm run proxy`) and the
// demo app on one origin: Vite serves the page and forwards /api/* to the proxy. Opens nothing;
// prints the URL and what the proxy serves.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'vite';
import { configFromEnv, parseDotEnv } from '../src/proxy/config-from-env.js';
import { serveProxy } from '../src/proxy/node.js';

const fileEnv = existsSync('.env') ? parseDotEnv(readFileSync('.env', 'utf8')) : {};
const env = { ...fileEnv, ...process.env };
const config = configFromEnv(env);
const proxy = await serveProxy(config, { port: Number(env.PROXY_PORT ?? 0), hostname: '127.0.0.1' });

const vite = await createServer({
  configFile: new URL('../demo/vite.config.ts', import.meta.url).pathname,
  server: {
    port: Number(env.DEMO_PORT ?? 5173),
    proxy: {
      '/api': {
        target: proxy.url,
        rewrite: (path) => path.replace(/^\/api/, ''),
        // Same origin for the browser: the proxy sees a server-side call, as behind a host app's route.
        configure: (server) => server.on('proxyReq', (request) => request.removeHeader('origin')),
      },
    },
  },
});
await vite.listen();

const providers = Object.keys(config.providers);
console.log(`hayloft demo: ${vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/'}`);
console.log(`proxy: ${proxy.url} (${providers.length > 0 ? `serving ${providers.join(', ')}` : 'no provider yet: set OPENAI_API_KEY, AZURE_OPENAI_API_KEY + AZURE_OPENAI_ENDPOINT, STACKIT_API_KEY or HF_TOKEN'})`);

const stop = async () => {
  await vite.close();
  await proxy.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
