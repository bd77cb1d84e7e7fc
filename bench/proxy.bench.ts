import { execFileSync, fork, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { median, percentile, writeResult } from './support/stats.js';

// Three processes, as in production: the fake provider, the proxy, and the clients (this one).
// In production the proxy has its machine to itself; here all three share two cores. The first-byte
// benchmark therefore also runs with the proxy pinned to one core and the clients and the fake provider
// to the other (Linux taskset), so that what it measures is the proxy's own delay, not the load
// generator's work queued on the proxy's CPU; the shared-core figures are reported beside it.
const canPin = cpus().length >= 2 && existsSync('/usr/bin/taskset');
const allCores = `0-${cpus().length - 1}`;
/** Pins a process (all its threads) to the given cores. */
const pin = (pid: number | undefined, cores: string): void => {
  if (pid !== undefined) execFileSync('taskset', ['-a', '-p', '-c', cores, String(pid)], { stdio: 'ignore' });
};
let upstream: ChildProcess;
let proxy: ChildProcess;
/** The same proxy with Node's global fetch, which relays through web streams (for comparison). */
let webProxy: ChildProcess | undefined;
/** The floor relays of the first-byte benchmark, while they run. */
const floors: ChildProcess[] = [];
let upstreamUrl = '';
let proxyUrl = '';
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
const now = () => performance.timeOrigin + performance.now();

const ask = <T>(child: ChildProcess, message: object, type: string): Promise<T> =>
  new Promise((resolve) => {
    const listener = (reply: unknown) => {
      if ((reply as { type?: string }).type !== type) return;
      child.off('message', listener);
      resolve(reply as T);
    };
    child.on('message', listener);
    child.send(message);
  });

/**
 * A relay under benchmark (the proxy, or a floor) in a process of its own: `script` under bench/support/
 * with its `args`, started under taskset when there is one (so the first-byte benchmark can give it a
 * core of its own); it sends `{ url }` once listening and answers `{ type: 'cpu' }`.
 */
const startRelayProcess = async (script: string, args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> => {
  const runner = [process.execPath, '--import', 'tsx', '--expose-gc', new URL(`./support/${script}`, import.meta.url).pathname, ...args];
  const options: SpawnOptions = { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...env } };
  const child: ChildProcess = canPin ? spawn('taskset', ['-c', allCores, ...runner], options) : spawn(runner[0]!, runner.slice(1), options);
  const { url } = await new Promise<{ url: string }>((resolve) => child.once('message', (m) => resolve(m as { url: string })));
  return { child, url };
};

/** The proxy under benchmark in a process of its own. */
const startProxyProcess = (env: Record<string, string> = {}) => startRelayProcess('proxy-runner.ts', [upstreamUrl], env);

beforeAll(async () => {
  upstream = fork(new URL('./support/upstream.mjs', import.meta.url), ['100'], { stdio: 'inherit' });
  upstreamUrl = `http://127.0.0.1:${(await new Promise<{ port: number }>((resolve) => upstream.once('message', (m) => resolve(m as { port: number })))).port}`;
  ({ child: proxy, url: proxyUrl } = await startProxyProcess());
}, 60_000);

afterAll(() => {
  proxy.kill();
  webProxy?.kill();
  for (const floor of floors) floor.kill();
  upstream.kill();
  agent.destroy();
});

interface StreamResult {
  firstByteMs: number;
  body: string;
  error?: string;
}

/** One streamed chat request; `hang` asks the fake provider to stop after two events. */
const stream = (base: string, options: { hang?: boolean; slow?: boolean; paceMs?: number; abortAfterFirst?: boolean } = {}): Promise<StreamResult & { abortedAt?: number }> =>
  new Promise((resolve) => {
    const started = performance.now();
    // `user` is a field the proxy passes on: it tells the fake provider to hang.
    const body = JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'x' }], stream: true, ...(options.hang ? { user: 'hang' } : options.slow ? { user: options.paceMs ? `slow-${options.paceMs}` : 'slow' } : {}) });
    let firstByteMs = -1;
    let text = '';
    let settled = false;
    const done = (result: StreamResult & { abortedAt?: number }) => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const req = request(`${base}/v1/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.setEncoding('utf8');
      if (res.statusCode !== 200) {
        res.resume();
        done({ firstByteMs, body: text, error: `status ${res.statusCode}` });
        return;
      }
      res.on('data', (data: string) => {
        if (firstByteMs < 0) {
          firstByteMs = performance.now() - started;
          if (options.abortAfterFirst) {
            const abortedAt = now();
            req.destroy();
            done({ firstByteMs, body: text + data, abortedAt });
            return;
          }
        }
        text += data;
        if (options.hang && text.split('data:').length > 2 && !options.abortAfterFirst) done({ firstByteMs, body: text });
      });
      res.on('end', () => done({ firstByteMs, body: text }));
      res.on('error', (error) => done({ firstByteMs, body: text, error: error.message }));
    });
    req.on('error', (error) => done({ firstByteMs, body: text, error: error.message }));
    req.end(body);
  });

// Direct requests go to the fake provider's own path, proxied ones to the proxy's OpenAI route.
const direct = () => upstreamUrl;
const proxied = () => `${proxyUrl}/openai`;

const inOrder = (body: string): boolean => {
  const tokens = [...body.matchAll(/tok(\d+)/g)].map((match) => Number(match[1]));
  return tokens.length === 100 && tokens.every((token, i) => token === i) && body.trimEnd().endsWith('data: [DONE]');
};

// 200 streams are open at all times, each paced like a model writing (100 events, one per 10 ms), and
// every client starts its next request when its stream ends: the first-byte latency of those requests,
// direct and through the proxy, in alternating phases. The clients start 5 ms apart, spread over one
// stream's length, as independent users would: started together, all 200 streams would end and
// restart in the same instant every second, and every sample would measure a burst of 200 requests
// (the burst benchmark below measures that case on purpose).
const firstBytesUnderLoad = async (target: () => string, seconds: number, paceMs = 10): Promise<number[]> => {
  const deadline = Date.now() + seconds * 1000;
  const samples: number[] = [];
  const worker = async (index: number) => {
    await new Promise((resolve) => setTimeout(resolve, (index * 100 * paceMs) / 200));
    while (Date.now() < deadline) {
      const result = await stream(target(), { slow: true, paceMs });
      if (result.error || !inOrder(result.body)) throw new Error(`stream failed: ${result.error ?? 'out of order'}`);
      samples.push(result.firstByteMs);
    }
  };
  await Promise.all(Array.from({ length: 200 }, (_, index) => worker(index)));
  return samples;
};

interface FirstBytes {
  direct: number[];
  proxied: number[];
  /** The relay's (the proxy's, or a floor's) CPU time (user + system) over the proxied phases. */
  proxyCpuMs: number;
}

const proxyCpuMs = async (child = proxy): Promise<number> => (await ask<{ ms: number }>(child, { type: 'cpu' }, 'cpu')).ms;

/** A relay's process, and the base URL that clients reach the fake provider's path through. */
interface Relay {
  child: ChildProcess;
  base: () => string;
}

/** Direct and proxied (by default: through the proxy) first bytes under load, in alternating phases after a warm-up of each. */
const firstBytePhases = async (relay: Relay = { child: proxy, base: proxied }): Promise<FirstBytes> => {
  await firstBytesUnderLoad(direct, 2);
  await firstBytesUnderLoad(relay.base, 2);
  const baseline: number[] = [];
  const through: number[] = [];
  let cpu = 0;
  for (let round = 0; round < 4; round += 1) {
    const useProxy = round % 2 === 1;
    const before = useProxy ? await proxyCpuMs(relay.child) : 0;
    (useProxy ? through : baseline).push(...(await firstBytesUnderLoad(useProxy ? relay.base : direct, 6)));
    if (useProxy) cpu += (await proxyCpuMs(relay.child)) - before;
  }
  return { direct: baseline, proxied: through, proxyCpuMs: cpu };
};

// Each stream is one request and 101 events (100 chunks and [DONE]); the CPU per event is an upper
// bound that also carries the requests' own work.
const eventsPerStream = 101;

/** What the proxy adds to the first byte: p50 and p99 through it minus the same direct. */
const added = (baseline: readonly number[], through: readonly number[]) => ({
  p50: median(through) - median(baseline),
  p99: percentile(through, 99) - percentile(baseline, 99),
});

/** The relay's CPU (user + system) per relayed event over the proxied phases. */
const cpuUsPerEvent = ({ proxied: through, proxyCpuMs: cpu }: FirstBytes): number => (cpu * 1000) / (through.length * eventsPerStream);

const firstByteMetrics = (prefix: string, measured: FirstBytes) => {
  const { direct: baseline, proxied: through } = measured;
  const { p50, p99 } = added(baseline, through);
  return {
    [`${prefix}proxy_cpu_us_per_event`]: cpuUsPerEvent(measured),
    [`${prefix}direct_p50_ms`]: median(baseline),
    [`${prefix}direct_p99_ms`]: percentile(baseline, 99),
    [`${prefix}proxy_p50_ms`]: median(through),
    [`${prefix}proxy_p99_ms`]: percentile(through, 99),
    [`${prefix}added_p50_ms`]: p50,
    [`${prefix}added_p99_ms`]: p99,
    [`${prefix}samples_direct`]: baseline.length,
    [`${prefix}samples_proxy`]: through.length,
  };
};

/** Runs `measure` with the proxy (or another relay) on the last core and everything else on the others, when it can. */
const withProxyOnItsOwnCore = async <T>(measure: () => Promise<T>, relay: ChildProcess = proxy): Promise<T | undefined> => {
  if (!canPin) return undefined;
  const last = String(cpus().length - 1);
  const rest = cpus().length > 2 ? `0-${cpus().length - 2}` : '0';
  pin(relay.pid, last);
  pin(upstream.pid, rest);
  pin(process.pid, rest);
  try {
    return await measure();
  } finally {
    for (const pid of [relay.pid, upstream.pid, process.pid]) pin(pid, allCores);
  }
};

/** The target benchmark's measurement, for the floors' file to show beside them. */
let targetMeasured: FirstBytes | undefined;

it('proxy: added latency to first byte at 200 concurrent streams (p50 <= 1 ms, p99 <= 5 ms)', async () => {
  const shared = await firstBytePhases();
  const own = await withProxyOnItsOwnCore(firstBytePhases);
  const measured = own ?? shared;
  targetMeasured = measured;
  const { p50: addedP50, p99: addedP99 } = added(measured.direct, measured.proxied);
  writeResult({
    name: 'proxy-first-byte',
    target: `added first-byte latency with 200 concurrent paced streams open: p50 <= 1 ms, p99 <= 5 ms (${own ? 'proxy on a core of its own' : 'all processes sharing the cores: taskset missing'}; shared_* with all three processes on all cores, reported)`,
    met: addedP50 <= 1 && addedP99 <= 5,
    metrics: { ...(own ? firstByteMetrics('', own) : {}), ...firstByteMetrics('shared_', shared), pinned: own ? 'yes' : 'no' },
  });
}, 180_000);

// Floors for the target above: how much of the proxy's added first byte any relay written in Node pays
// on this machine. A pure TCP relay (no HTTP) and a minimal node:http relay (no validation, no Hono)
// each run in a process of their own, under the same harness, pinning and load as the proxy, right
// after it in the same run, so the proxy's miss can be told apart from Node's and the VM's own cost.
it('proxy: added first byte of floor relays (tcp, minimal http) at 200 concurrent streams (reported)', async () => {
  const metrics: Record<string, number | string> = {};
  for (const kind of ['tcp', 'http'] as const) {
    const floor = await startRelayProcess('floor-relay.mjs', [kind, upstreamUrl]);
    floors.push(floor.child);
    try {
      // Transparent relays: clients use the fake provider's own path, as the direct requests do.
      const relay: Relay = { child: floor.child, base: () => floor.url };
      const measured = (await withProxyOnItsOwnCore(() => firstBytePhases(relay), floor.child)) ?? (await firstBytePhases(relay));
      const { p50, p99 } = added(measured.direct, measured.proxied);
      Object.assign(metrics, {
        [`floor_${kind}_cpu_us_per_event`]: cpuUsPerEvent(measured),
        [`floor_${kind}_added_p50_ms`]: p50,
        [`floor_${kind}_added_p99_ms`]: p99,
        [`floor_${kind}_direct_p50_ms`]: median(measured.direct),
        [`floor_${kind}_direct_p99_ms`]: percentile(measured.direct, 99),
        [`floor_${kind}_relay_p50_ms`]: median(measured.proxied),
        [`floor_${kind}_relay_p99_ms`]: percentile(measured.proxied, 99),
        [`floor_${kind}_samples_direct`]: measured.direct.length,
        [`floor_${kind}_samples_relay`]: measured.proxied.length,
      });
    } finally {
      floor.child.kill();
      floors.splice(floors.indexOf(floor.child), 1);
    }
  }
  if (targetMeasured) {
    const { p50, p99 } = added(targetMeasured.direct, targetMeasured.proxied);
    Object.assign(metrics, {
      proxy_cpu_us_per_event: cpuUsPerEvent(targetMeasured),
      proxy_added_p50_ms: p50,
      proxy_added_p99_ms: p99,
      proxy_samples_direct: targetMeasured.direct.length,
      proxy_samples_relay: targetMeasured.proxied.length,
    });
  }
  writeResult({
    name: 'proxy-first-byte-floor',
    target: `reported, not a target: added first byte and CPU per relayed event of two floor relays in Node, a TCP pipe and a minimal node:http relay, under the proxy-first-byte benchmark's load (200 paced streams, 20,000 events/s) and pinning (${canPin ? 'relay on a core of its own' : 'all processes sharing the cores: taskset missing'}); proxy_* are the proxy's figures from proxy-first-byte in the same run`,
    met: true,
    metrics: { ...metrics, pinned: canPin ? 'yes' : 'no' },
  });
}, 180_000);

// What the socket-to-socket relay saves: the proxy's CPU per relayed event, against the same proxy
// calling upstreams with Node's global fetch, whose answers go through the web-stream relay (the path
// edge runtimes take), under the same paced load, alternating.
it('proxy: CPU per relayed event, socket to socket vs web streams (reported)', async () => {
  const web = await startProxyProcess({ PROXY_FETCH: 'global' });
  webProxy = web.child;
  const cpu: Record<'node' | 'web', number[]> = { node: [], web: [] };
  for (let round = 0; round < 4; round += 1) {
    const kind = round % 2 === 0 ? 'node' : 'web';
    const child = kind === 'node' ? proxy : web.child;
    const base = kind === 'node' ? proxyUrl : web.url;
    const before = await proxyCpuMs(child);
    const samples = await firstBytesUnderLoad(() => `${base}/openai`, 5);
    cpu[kind].push((((await proxyCpuMs(child)) - before) * 1000) / (samples.length * eventsPerStream));
  }
  web.child.kill();
  webProxy = undefined;
  writeResult({
    name: 'proxy-relay-cpu',
    target: 'reported: proxy CPU (user + system) per relayed event with 200 paced streams, serveProxy (node:http, socket to socket) vs global fetch + web streams',
    met: true,
    metrics: {
      node_us_per_event: median(cpu.node),
      web_us_per_event: median(cpu.web),
      ratio: median(cpu.node) / median(cpu.web),
    },
  });
}, 120_000);

// Where the added latency comes from: the same measurement with no other stream open (one request at
// a time, alternating), and with 200 streams at a fifth and at two fifths of the main benchmark's rate.
it('proxy: added first byte with no load and by load (reported)', async () => {
  const metrics: Record<string, number> = {};
  await withProxyOnItsOwnCore(async () => {
    const idle: Record<'direct' | 'proxied', number[]> = { direct: [], proxied: [] };
    for (let i = 0; i < 400; i += 1) {
      const kind = i % 2 === 0 ? 'direct' : 'proxied';
      idle[kind].push((await stream((kind === 'direct' ? direct : proxied)())).firstByteMs);
    }
    metrics.idle_direct_p50_ms = median(idle.direct);
    const atIdle = added(idle.direct, idle.proxied);
    metrics.idle_added_p50_ms = atIdle.p50;
    metrics.idle_added_p99_ms = atIdle.p99;
    for (const paceMs of [50, 25]) {
      const directSamples = await firstBytesUnderLoad(direct, 6, paceMs);
      const proxiedSamples = await firstBytesUnderLoad(proxied, 6, paceMs);
      const eventsPerSecond = (200 * 1000) / paceMs;
      const underLoad = added(directSamples, proxiedSamples);
      metrics[`load_${eventsPerSecond}_events_per_s_added_p50_ms`] = underLoad.p50;
      metrics[`load_${eventsPerSecond}_events_per_s_added_p99_ms`] = underLoad.p99;
    }
  });
  writeResult({
    name: 'proxy-first-byte-by-load',
    target: 'reported: added first byte with the proxy on a core of its own, one request at a time, and with 200 streams at 4,000 and 8,000 events/s (the target benchmark runs 20,000)',
    met: true,
    metrics,
  });
}, 180_000);

// The burst case, reported beside it: 200 requests arriving in the same instant queue for the proxy's CPU.
it('proxy: first byte of a burst of 200 simultaneous requests (reported)', async () => {
  const baseline: number[] = [];
  const through: number[] = [];
  for (let round = 0; round < 4; round += 1) {
    for (const target of round % 2 === 0 ? [direct, proxied] : [proxied, direct]) {
      const results = await Promise.all(Array.from({ length: 200 }, () => stream(target())));
      expect(results.every((result) => !result.error && inOrder(result.body))).toBe(true);
      (target === direct ? baseline : through).push(...results.map((result) => result.firstByteMs));
    }
  }
  writeResult({
    name: 'proxy-first-byte-burst',
    target: 'reported: first byte when 200 requests arrive at once (queueing for one event loop)',
    met: true,
    metrics: {
      direct_p50_ms: median(baseline),
      direct_p99_ms: percentile(baseline, 99),
      proxy_p50_ms: median(through),
      proxy_p99_ms: percentile(through, 99),
      proxy_cpu_ms_per_request_estimate: (median(through) - median(baseline)) / 100,
    },
  });
});

it('proxy: 1,000 concurrent streams of 100 chunks, zero errors, every chunk in order', async () => {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: 1000 }, () => stream(proxied())));
  const errors = results.filter((result) => result.error !== undefined).length;
  const outOfOrder = results.filter((result) => !result.error && !inOrder(result.body)).length;
  writeResult({
    name: 'proxy-1000-streams',
    target: '1,000 concurrent streams of 100 chunks through the proxy: zero errors, every chunk delivered in order',
    met: errors === 0 && outOfOrder === 0,
    metrics: { streams: results.length, errors, out_of_order: outOfOrder, wall_ms: performance.now() - started, first_byte_p50_ms: median(results.map((r) => r.firstByteMs)) },
  });
  expect(errors).toBe(0);
  expect(outOfOrder).toBe(0);
});

it('proxy: memory per open stream, and after the streams close', async () => {
  const before = await ask<{ rss: number; heapUsed: number }>(proxy, { type: 'memory' }, 'memory');
  const open = await Promise.all(Array.from({ length: 1000 }, () => stream(proxied(), { hang: true })));
  const openErrors = open.filter((result) => result.error !== undefined).length;
  const during = await ask<{ rss: number; heapUsed: number }>(proxy, { type: 'memory' }, 'memory');
  agent.destroy(); // closes every client socket: the proxy must let go of all 1,000 streams
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = await ask<{ rss: number; heapUsed: number }>(proxy, { type: 'memory' }, 'memory');
  const perStreamKb = (during.heapUsed - before.heapUsed) / 1000 / 1024;
  writeResult({
    name: 'proxy-memory',
    target: 'proxy heap per open stream (reported); heap after the streams close back near where it started',
    met: openErrors === 0 && after.heapUsed - before.heapUsed < 5 * 1024 * 1024,
    metrics: {
      open_errors: openErrors,
      rss_before_mb: before.rss / 2 ** 20,
      rss_per_open_stream_kb: (during.rss - before.rss) / 1000 / 1024,
      heap_before_mb: before.heapUsed / 2 ** 20,
      heap_1000_open_mb: during.heapUsed / 2 ** 20,
      heap_after_mb: after.heapUsed / 2 ** 20,
      heap_per_open_stream_kb: perStreamKb,
      rss_1000_open_mb: during.rss / 2 ** 20,
    },
  });
});

it('proxy: time from client disconnect to upstream abort', async () => {
  const agentless: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    const result = await stream(proxied(), { hang: true, abortAfterFirst: true });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const { closes } = await ask<{ closes: number[] }>(upstream, { type: 'closes' }, 'closes');
    if (result.abortedAt !== undefined && closes[0] !== undefined) agentless.push(closes[0] - result.abortedAt);
  }
  writeResult({
    name: 'proxy-disconnect-abort',
    target: 'upstream request aborted within 100 ms of the client disconnecting',
    met: agentless.length === 30 && percentile(agentless, 100) <= 100,
    metrics: { p50_ms: median(agentless), max_ms: percentile(agentless, 100), samples: agentless.length },
  });
  expect(agentless).toHaveLength(30);
});

it('proxy: soak with 5% random client disconnects, heap after collection does not grow', async () => {
  const seconds = Number(process.env.BENCH_SOAK_SECONDS ?? 300);
  const deadline = Date.now() + seconds * 1000;
  const heap: number[] = [];
  let requests = 0;
  let errors = 0;
  let nextSample = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const disconnect = Math.random() < 0.05;
      const result = await stream(proxied(), disconnect ? { hang: true, abortAfterFirst: true } : {});
      requests += 1;
      if (result.error && !disconnect) errors += 1;
    }
  };
  const sampler = (async () => {
    while (Date.now() < deadline) {
      if (Date.now() >= nextSample) {
        heap.push((await ask<{ heapUsed: number }>(proxy, { type: 'memory' }, 'memory')).heapUsed);
        nextSample = Date.now() + Math.max(1000, (seconds * 1000) / 20);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  await Promise.all([...Array.from({ length: 20 }, worker), sampler]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  heap.push((await ask<{ heapUsed: number }>(proxy, { type: 'memory' }, 'memory')).heapUsed);
  const firstThird = median(heap.slice(1, Math.max(2, Math.ceil(heap.length / 3))));
  const lastThird = median(heap.slice(-Math.max(1, Math.ceil(heap.length / 3))));
  writeResult({
    name: 'proxy-soak',
    target: `soak (${seconds} s, 20 concurrent, 5% disconnects): zero errors, heap after GC grows < 10% from the first third to the last`,
    met: errors === 0 && lastThird < firstThird * 1.1,
    metrics: { seconds, requests, errors, heap_first_third_mb: firstThird / 2 ** 20, heap_last_third_mb: lastThird / 2 ** 20, samples: heap.length },
  });
  expect(errors).toBe(0);
}, 900_000);
