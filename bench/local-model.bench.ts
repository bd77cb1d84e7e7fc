/**
 * hayloft/local against transformers.js called directly, on the project's tiny model, in one run:
 * per-token overhead in Node (in-process) and in Chromium (WASM, hayloft's Worker vs a direct call on
 * the page), main-thread long tasks while the Worker loads and generates, and WebGPU (SwiftShader) vs
 * WASM tokens per second. On a machine with a real GPU the same script is the one to run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ChatMessage } from '../src/index.js';
import { HuggingFaceLocalChatGenerator } from '../src/local/index.js';
import { writeTinyModels } from '../test/fixtures/tiny-model.js';
import { launchChromium } from '../test/support/chromium.js';
import { buildFixtureApp } from '../test/support/fixture-app.js';
import { serveStatic } from '../test/support/static-server.js';
import { median } from './support/stats.js';
import { writeResult } from './support/stats.js';

const model = 'hayloft-tiny-loop';
const tokens = 200;
let modelsDir: string;

beforeAll(() => {
  modelsDir = mkdtempSync(join(tmpdir(), 'hayloft-tiny-'));
  writeTinyModels(modelsDir);
});
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

it('Node: hayloft per-token time <= 1.05x transformers.js called directly (tiny model, 200 tokens, streaming)', async () => {
  const transformers = await import('@huggingface/transformers');
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = `${modelsDir}/`;
  const pipeline = await transformers.pipeline('text-generation', model, { device: 'cpu' });
  const direct = async (withStreamer = true): Promise<number> => {
    const inputs = pipeline.tokenizer.apply_chat_template([{ role: 'user', content: 'Hi there' }], { add_generation_prompt: true, return_dict: true }) as Record<string, unknown>;
    let text = '';
    const streamer = new transformers.TextStreamer(pipeline.tokenizer, { skip_prompt: true, callback_function: (piece: string) => (text += piece) });
    const started = performance.now();
    await pipeline.model.generate({ ...inputs, max_new_tokens: tokens, ...(withStreamer ? { streamer } : {}) });
    if (withStreamer && text.length === 0) throw new Error('the direct call generated nothing');
    return performance.now() - started;
  };
  const generator = new HuggingFaceLocalChatGenerator(model, {
    env: { allowRemoteModels: false, allowLocalModels: true, localModelPath: `${modelsDir}/` },
    generationKwargs: { max_new_tokens: tokens },
  });
  await generator.warmUp();
  const ours = async (): Promise<number> => {
    let text = '';
    const started = performance.now();
    const { replies } = await generator.run([ChatMessage.fromUser('Hi there')], { streamingCallback: (chunk) => void (text += chunk.content) });
    if (replies[0]?.meta.usage === undefined || text.length === 0) throw new Error('the generator generated nothing');
    return performance.now() - started;
  };
  for (let i = 0; i < 5; i += 1) {
    await direct();
    await ours();
  }
  const baseline: number[] = [];
  const hayloft: number[] = [];
  const silent: number[] = [];
  for (let i = 0; i < 30; i += 1) {
    if (i % 2 === 0) {
      baseline.push(await direct());
      hayloft.push(await ours());
    } else {
      hayloft.push(await ours());
      baseline.push(await direct());
    }
    silent.push(await direct(false));
  }
  const directPerToken = median(baseline) / tokens;
  const oursPerToken = median(hayloft) / tokens;
  const ratio = oursPerToken / directPerToken;
  writeResult({
    name: 'local-model-node',
    target: 'per-token time of HuggingFaceLocalChatGenerator (streaming, assembling) <= 1.05x transformers.js generate() with a TextStreamer, same tiny model, ratio of medians of 30 alternating runs',
    met: ratio <= 1.05,
    metrics: {
      tokens,
      direct_ms_per_token: directPerToken,
      hayloft_ms_per_token: oursPerToken,
      ratio,
      median_of_paired_ratios: median(hayloft.map((ms, i) => ms / baseline[i]!)),
      // For reference: generate() with no streamer at all (nothing decoded until the end).
      direct_no_streamer_ms_per_token: median(silent) / tokens,
      ratio_to_no_streamer: oursPerToken / (median(silent) / tokens),
    },
  });
  generator.dispose();
  expect(ratio).toBeLessThanOrEqual(1.05);
});

interface Timed {
  ms: number;
  text: string;
}

const startChromium = async (webgpu: boolean) => {
  const app = await buildFixtureApp(new URL('../test/fixtures/local-app/', import.meta.url));
  const server = await serveStatic([
    { prefix: '/models/', dir: modelsDir },
    { prefix: '/ort/', dir: fileURLToPath(new URL('../node_modules/onnxruntime-web/dist/', import.meta.url)) },
    { prefix: '/', dir: app.outDir },
  ]);
  const browser = await launchChromium({ webgpu });
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(server.url);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
  return {
    page,
    close: async () => {
      await browser.close();
      await server.close();
      app.remove();
    },
  };
};

const timedChat = (page: Page, device: string, maxNewTokens: number) =>
  page.evaluate(({ model, device, maxNewTokens }) => window.hayloftLocal.timedChat({ model, device: device as 'auto', maxNewTokens }), { model, device, maxNewTokens }) as Promise<Timed>;

it('Chromium WASM: hayloft in its Worker <= 1 ms per token over transformers.js called on the page; no long task over 50 ms', async () => {
  const { page, close } = await startChromium(false);
  try {
    const since = await page.evaluate(() => window.hayloftLocal.now());
    await page.evaluate((name) => window.hayloftLocal.load({ model: name, device: 'wasm' }), model);
    const first = await timedChat(page, 'wasm', tokens);
    if (first.text.length === 0) throw new Error('hayloft generated nothing');
    const longTasks = await page.evaluate((from) => window.hayloftLocal.longTasksSince(from), since);
    const direct = () => page.evaluate(({ model, maxNewTokens }) => window.hayloftLocal.direct({ model, device: 'wasm', maxNewTokens }), { model, maxNewTokens: tokens }) as Promise<Timed>;
    await direct();
    const baseline: number[] = [];
    const hayloft: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      if (i % 2 === 0) {
        baseline.push((await direct()).ms);
        hayloft.push((await timedChat(page, 'wasm', tokens)).ms);
      } else {
        hayloft.push((await timedChat(page, 'wasm', tokens)).ms);
        baseline.push((await direct()).ms);
      }
    }
    const overheadPerToken = (median(hayloft) - median(baseline)) / tokens;
    writeResult({
      name: 'local-model-chromium',
      target: 'Chromium WASM: hayloft (module Worker, streaming) <= 1 ms per token over transformers.js generate() on the page; 0 main-thread long tasks over 50 ms while the Worker loads and generates',
      met: overheadPerToken <= 1 && longTasks.length === 0,
      metrics: {
        tokens,
        direct_ms_per_token: median(baseline) / tokens,
        hayloft_ms_per_token: median(hayloft) / tokens,
        overhead_ms_per_token: overheadPerToken,
        long_tasks_over_50ms: longTasks.length,
        longest_task_ms: Math.max(0, ...longTasks),
      },
    });
    expect(overheadPerToken).toBeLessThanOrEqual(1);
    expect(longTasks).toEqual([]);
  } finally {
    await close();
  }
});

it('Chromium: WebGPU (SwiftShader) and WASM tokens per second, side by side', async () => {
  const { page, close } = await startChromium(true);
  try {
    const rates: Record<string, number> = {};
    for (const device of ['webgpu', 'wasm'] as const) {
      const loaded = (await page.evaluate(({ name, device }) => window.hayloftLocal.load({ model: name, device }), { name: model, device })) as { device: { device: string } };
      if (loaded.device.device !== device) throw new Error(`asked for ${device}, got ${loaded.device.device}`);
      await timedChat(page, device, 20);
      const runs: number[] = [];
      for (let i = 0; i < 5; i += 1) runs.push((await timedChat(page, device, 100)).ms);
      rates[device] = 100 / (median(runs) / 1000);
    }
    writeResult({
      name: 'local-model-devices',
      target: 'report only: tokens per second of the tiny model through hayloft on WebGPU (SwiftShader, no GPU here) and WASM, same browser; rerun on a machine with a GPU',
      met: true,
      metrics: { webgpu_tokens_per_second: rates.webgpu ?? 0, wasm_tokens_per_second: rates.wasm ?? 0 },
    });
  } finally {
    await close();
  }
});
