import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChunks, loadJson } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';
import { chat, openStream } from './support.js';

// The proxy as users run it (`npm run proxy`), in a process of its own, with a unique random value as
// every key: afterwards no response byte, header or log line may contain any of them.
const canaries = {
  OPENAI_API_KEY: `sk-canary-${crypto.randomUUID()}`,
  AZURE_OPENAI_API_KEY: `azure-canary-${crypto.randomUUID()}`,
  STACKIT_API_KEY: `stackit-canary-${crypto.randomUUID()}`,
  HF_TOKEN: `hf_canary${crypto.randomUUID().replaceAll('-', '')}`,
};

const upstream = await useReplayServer();
let child: ChildProcess;
let output = '';
let url = '';
const seen: string[] = [];

const record = async (response: Response): Promise<string> => {
  const text = await response.text();
  seen.push(JSON.stringify([...response.headers.entries()]), text);
  return text;
};

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/proxy.ts'], {
    env: {
      ...process.env,
      ...canaries,
      OPENAI_BASE_URL: `${upstream.url}/v1`,
      AZURE_OPENAI_ENDPOINT: upstream.url,
      STACKIT_BASE_URL: `${upstream.url}/stackit/v1`,
      HF_ROUTER_URL: `${upstream.url}/router/v1`,
      PROXY_PORT: '0',
      PROXY_SHUTDOWN_GRACE_MS: '300',
      PROXY_REQUESTS_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.setEncoding('utf8').on('data', (data: string) => (output += data));
  child.stderr?.setEncoding('utf8').on('data', (data: string) => (output += data));
  const deadline = Date.now() + 20_000;
  while (!/hayloft proxy on (http:\/\/\S+)/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the proxy did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  url = /hayloft proxy on (http:\/\/\S+)/.exec(output)![1]!;
}, 30_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

const post = (path: string, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('npm run proxy', () => {
  it('should print what it serves, and never a key', () => {
    expect(output).toMatch(/serving:\n {2}openai: gpt-4o-mini/);
    expect(output).toMatch(/azure: gpt-4o-mini/);
    expect(output).toMatch(/stackit: /);
    expect(output).toMatch(/huggingface: /);
  });

  it('should never let a key reach a response, a header or a log line', async () => {
    upstream.enqueue(
      { json: loadJson('openai/text') },
      { sse: loadChunks('openai/text') },
      { status: 401, json: { error: { message: `Incorrect API key provided: ${canaries.OPENAI_API_KEY}` } } },
      { status: 400, json: { error: { message: `bad request for key ${canaries.OPENAI_API_KEY} Bearer ${canaries.OPENAI_API_KEY}` } } },
      { status: 500, json: { error: { message: `internal: api-key=${canaries.AZURE_OPENAI_API_KEY}` } } },
      { status: 500, json: { error: { message: 'again' } } },
      { status: 500, json: { error: { message: 'and again' } } },
      { sse: loadChunks('openai/text'), cutAfterEvents: 3 },
    );
    await record(await post('/openai/v1/chat/completions', chat()));
    await record(await post('/openai/v1/chat/completions', chat({ stream: true })));
    await record(await post('/openai/v1/chat/completions', chat()));
    await record(await post('/openai/v1/chat/completions', chat()));
    await record(await post('/openai/v1/chat/completions', chat()));
    await record(await post('/openai/v1/chat/completions', chat({ stream: true })));
    await record(await post('/openai/v1/chat/completions', chat({ api_key: 'x' })));
    await record(await post('/openai/v1/chat/completions', { ...chat(), model: 'gpt-9' }));
    await record(await fetch(`${url}/openai/v1/models`));
    await record(await fetch(`${url}/stackit/v1/models`));
    await record(await post('/azure/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21', chat()));
    expect(upstream.requests.length).toBeGreaterThanOrEqual(6);
    const everything = `${seen.join('\n')}\n${output}`;
    expect(output.split('\n').filter((line) => line.startsWith('{"request_id"')).length).toBeGreaterThanOrEqual(10);
    for (const [name, value] of Object.entries(canaries)) {
      expect(everything.includes(value), name).toBe(false);
      expect(everything.includes(value.slice(-12)), `${name} (tail)`).toBe(false);
    }
  });

  it('should end live streams with server_shutdown on SIGTERM and exit 0', async () => {
    upstream.enqueue({ sse: loadChunks('openai/text').slice(0, 2), hang: true, done: false });
    const stream = await openStream(`${url}/openai/v1/chat/completions`, chat({ stream: true }));
    expect(stream.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const body = await stream.done;
    expect(body).toMatch(/event: error\ndata: \{"error":\{"code":"server_shutdown"/);
    expect(await exited).toBe(0);
    const refused = await fetch(`${url}/healthz`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(refused).toBe('refused');
  });
});
