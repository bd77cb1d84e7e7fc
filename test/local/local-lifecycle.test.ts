import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatMessage, HayloftError, ModelLoadError } from '../../src/index.js';
import { HuggingFaceLocalChatGenerator } from '../../src/local/index.js';
import { writeTinyModels } from '../fixtures/tiny-model.js';

let dir: string;
let empty: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hayloft-tiny-'));
  writeTinyModels(dir);
  empty = join(dir, 'empty');
  mkdirSync(empty);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const envFor = (path: string) => ({ allowRemoteModels: false, allowLocalModels: true, localModelPath: `${path}/` });

describe('local generators over their lifetime', () => {
  it('should keep the settings of two generators that load at the same time apart', async () => {
    // transformers.js keeps its settings in one global env: without care, the second load's folder leaks into the first.
    const good = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env: envFor(dir) });
    const bad = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env: envFor(empty) });
    const [loaded, failed] = await Promise.allSettled([good.warmUp(), bad.warmUp()]);
    expect(loaded.status).toBe('fulfilled');
    expect(failed.status).toBe('rejected');
    const error = (failed as PromiseRejectedResult).reason as Error;
    expect(ModelLoadError.isInstance(error)).toBe(true);
    expect(error.message).toContain(`${empty}/hayloft-tiny-chat`);
    expect((await good.run([ChatMessage.fromUser('Hi')])).replies[0]!.text).toBe('Hello from the tiny model.');
    good.dispose();
    bad.dispose();
  });

  it('should reject with the text so far when the generator is disposed mid-generation', async () => {
    const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-loop', { env: envFor(dir), generationKwargs: { max_new_tokens: 100_000 } });
    let chunks = 0;
    const running = generator.run([ChatMessage.fromUser('Hi')], {
      streamingCallback: () => {
        chunks += 1;
        if (chunks === 10) generator.dispose();
      },
    });
    const error = (await running.catch((reason: unknown) => reason)) as HayloftError;
    expect(HayloftError.isInstance(error)).toBe(true);
    expect(error.message).toContain('disposed');
    expect(error.replies?.[0]?.text).toMatch(/^Hello from the tiny/);
  });

  it('should always tell the chat template whether to think (Qwen 3 thinks unless enable_thinking is false)', async () => {
    const chatTemplate = "{{ 'x' if enable_thinking is defined and enable_thinking is false else 'xxxx' }}";
    const quiet = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env: envFor(dir), chatTemplate });
    const thinking = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env: envFor(dir), chatTemplate, enableThinking: true });
    const promptTokens = async (generator: HuggingFaceLocalChatGenerator) =>
      ((await generator.run([ChatMessage.fromUser('Hi')])).replies[0]!.meta.usage as { prompt_tokens: number }).prompt_tokens;
    expect(await promptTokens(quiet)).toBe(1);
    expect(await promptTokens(thinking)).toBe(4);
    quiet.dispose();
    thinking.dispose();
  });

  it('should still run in-process in Node when a DOM is around (jsdom, happy-dom)', async () => {
    const globals = globalThis as { document?: unknown };
    globals.document = {};
    try {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env: envFor(dir) });
      const { replies } = await generator.run([ChatMessage.fromUser('Hi')]);
      expect(replies[0]!.meta.device).toBe('cpu');
      generator.dispose();
    } finally {
      delete globals.document;
    }
  });
});
