// `npm run proxy`: serves hayloft's proxy on 127.0.0.1:8787 from environment variables and a .env file.
import { existsSync, readFileSync } from 'node:fs';
import { configFromEnv, parseDotEnv } from '../src/proxy/config-from-env.js';
import { serveProxy } from '../src/proxy/node.js';

const fileEnv = existsSync('.env') ? parseDotEnv(readFileSync('.env', 'utf8')) : {};
// Variables set in the shell win over the file.
const env = { ...fileEnv, ...process.env };
const config = configFromEnv(env);
config.logger = (entry) => process.stdout.write(`${JSON.stringify(entry)}\n`);

const proxy = await serveProxy(config, {
  port: Number(env.PROXY_PORT ?? 8787),
  hostname: env.PROXY_HOST ?? '127.0.0.1',
  shutdownGraceMs: Number(env.PROXY_SHUTDOWN_GRACE_MS ?? 10_000),
  handleSignals: true,
});

const { openai, azure, stackit, huggingface } = config.providers;
const describe = (models: readonly string[] | '*'): string => (models === '*' ? 'any model' : models.join(', '));
const served = [
  openai && `  openai: ${describe(openai.models)}`,
  azure && `  azure: ${describe(azure.deployments)}`,
  stackit && `  stackit: ${describe(stackit.models)}`,
  huggingface && `  huggingface: ${describe(huggingface.models)}${Object.keys(huggingface.endpoints ?? {}).length > 0 ? ` (+ endpoints ${Object.keys(huggingface.endpoints ?? {}).join(', ')})` : ''}`,
].filter((line): line is string => typeof line === 'string');
console.log(`hayloft proxy on ${proxy.url}`);
console.log(served.length > 0 ? `serving:\n${served.join('\n')}` : 'serving no provider: set OPENAI_API_KEY, AZURE_OPENAI_API_KEY + AZURE_OPENAI_ENDPOINT, STACKIT_API_KEY or HF_TOKEN');
console.log(`allowed origins: ${(config.allowedOrigins ?? []).join(', ')}`);
