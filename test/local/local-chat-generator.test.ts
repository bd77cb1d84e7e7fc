import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env as transformersEnv } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortError,
  ChatMessage,
  ConfigError,
  ImageContent,
  ModelLoadError,
  StreamAssembler,
  Tool,
  isLoadableModel,
  toToolCall,
  type ModelLoadProgress,
  type ModelProgressEvent,
  type StreamingChunk,
} from '../../src/index.js';
import { HuggingFaceLocalChatGenerator, type LocalModelEnv, type ToolParsingFunction } from '../../src/local/index.js';
import { tinyModelReplies, tinyModelReplyTokens, writeTinyModels } from '../fixtures/tiny-model.js';
import { rejectionOf } from '../support/fixtures.js';

let dir: string;
let env: LocalModelEnv;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hayloft-tiny-'));
  writeTinyModels(dir);
  env = { allowRemoteModels: false, allowLocalModels: true, localModelPath: `${dir}/` };
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const chatReply = tinyModelReplies['hayloft-tiny-chat'];
const toolReply = tinyModelReplies['hayloft-tiny-tool'];
const loopUnit = tinyModelReplies['hayloft-tiny-loop'];
const hi = [ChatMessage.fromUser('Hi')];

const weather = new Tool({
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  invoke: ({ city }) => `Sunny in ${String(city)}`,
});

const collect = () => {
  const chunks: StreamingChunk[] = [];
  return { chunks, streamingCallback: (chunk: StreamingChunk) => void chunks.push(chunk) };
};

const joined = (chunks: readonly StreamingChunk[]): string => chunks.map((chunk) => chunk.content).join('');

/** How many tokens the tiny tokenizer makes of a rendered prompt: counted apart from the generator. */
const countTokens = async (text: string): Promise<number> => {
  transformersEnv.allowRemoteModels = false;
  transformersEnv.allowLocalModels = true;
  transformersEnv.localModelPath = `${dir}/`;
  const tokenizer = await AutoTokenizer.from_pretrained('hayloft-tiny-chat');
  return tokenizer.encode(text, { add_special_tokens: false }).length;
};

describe('HuggingFaceLocalChatGenerator', () => {
  describe('replies from hayloft-tiny-chat', () => {
    let generator: HuggingFaceLocalChatGenerator;
    beforeAll(async () => {
      generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env });
      await generator.warmUp();
    });
    afterAll(() => generator.dispose());

    it('should satisfy the React layer as a loadable model', () => {
      expect(isLoadableModel(generator)).toBe(true);
      expect(generator.loadsModel).toBe(true);
      expect(generator.model).toBe('hayloft-tiny-chat');
    });

    it('should reply with the exact sentence and its meta without streaming', async () => {
      const { replies } = await generator.run(hi);
      expect(replies).toHaveLength(1);
      const reply = replies[0]!;
      expect(reply.role).toBe('assistant');
      expect(reply.text).toBe(chatReply);
      expect(reply.toolCalls).toEqual([]);
      const promptTokens = await countTokens('<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n');
      expect(promptTokens).toBe(21);
      expect(reply.meta).toMatchObject({
        model: 'hayloft-tiny-chat',
        index: 0,
        finish_reason: 'stop',
        usage: { prompt_tokens: promptTokens, completion_tokens: tinyModelReplyTokens['hayloft-tiny-chat'], total_tokens: promptTokens + 6 },
        device: 'cpu',
        device_reason: 'Node: onnxruntime-node on the CPU.',
      });
      expect(reply.meta.usage).toMatchObject({ completion_tokens: 6 });
      expect(reply.meta.tokens_per_second).toBeGreaterThan(0);
      expect(reply.meta.time_to_first_token_ms).toEqual(expect.any(Number));
      expect(reply.meta.completion_start_time).toEqual(expect.any(String));
    });

    it('should stream through the streaming callback, first chunk marked start and the last with finish reason and usage', async () => {
      const { chunks, streamingCallback } = collect();
      const { replies } = await generator.run(hi, { streamingCallback });
      expect(joined(chunks)).toBe(chatReply);
      expect(replies[0]!.text).toBe(chatReply);
      const content = chunks.filter((chunk) => chunk.content !== '');
      expect(content.length).toBe(6);
      expect(content[0]!.start).toBe(true);
      expect(content.slice(1).every((chunk) => chunk.start !== true)).toBe(true);
      const last = chunks.at(-1)!;
      expect(last.content).toBe('');
      expect(last.finishReason).toBe('stop');
      expect(last.meta).toMatchObject({ model: 'hayloft-tiny-chat', finish_reason: 'stop', usage: { completion_tokens: 6, prompt_tokens: 21, total_tokens: 27 } });
      expect(replies[0]!.meta.usage).toEqual(last.meta.usage);
    });

    it('should stream through the streaming callback given to the constructor', async () => {
      const { chunks, streamingCallback } = collect();
      const streaming = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, streamingCallback });
      const { replies } = await streaming.run(hi);
      expect(joined(chunks)).toBe(chatReply);
      expect(replies[0]!.text).toBe(chatReply);
      streaming.dispose();
    });

    it('should await an async streaming callback and keep the chunks in order', async () => {
      const seen: string[] = [];
      await generator.run(hi, {
        streamingCallback: async (chunk) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          seen.push(chunk.content);
        },
      });
      expect(seen.join('')).toBe(chatReply);
      expect(seen.slice(0, 6)).toEqual(['Hello', ' from', ' the', ' tiny', ' model', '.']);
    });

    it('should stream chunks from stream() and return how the stream ended', async () => {
      const iterator = generator.stream(hi);
      const chunks: StreamingChunk[] = [];
      let step = await iterator.next();
      while (step.done !== true) {
        chunks.push(step.value);
        step = await iterator.next();
      }
      expect(step.value).toEqual({ completed: true });
      expect(joined(chunks)).toBe(chatReply);
      expect(chunks.find((chunk) => chunk.content !== '')!.start).toBe(true);
      expect(chunks.at(-1)!.finishReason).toBe('stop');

      const assembler = new StreamAssembler();
      for (const chunk of chunks) assembler.push(chunk);
      const [assembled] = assembler.finish({ completed: true });
      expect(assembled!.text).toBe(chatReply);
      expect(assembled!.meta).toMatchObject({ model: 'hayloft-tiny-chat', finish_reason: 'stop', usage: { prompt_tokens: 21, completion_tokens: 6 } });
    });

    it('should throw the streaming callback error instead of replying', async () => {
      const error = await rejectionOf(
        generator.run(hi, {
          streamingCallback: () => {
            throw new Error('the UI is gone');
          },
        }),
      );
      expect(error.message).toBe('the UI is gone');
    });

    it('should render an assistant tool call and a tool result through the chat template', async () => {
      const call = toToolCall({ id: 'call_1', toolName: 'get_weather', arguments: { city: 'Berlin' } });
      const messages = [
        ChatMessage.fromUser('Weather in Berlin?'),
        ChatMessage.fromAssistant(null, { toolCalls: [call] }),
        ChatMessage.fromTool('Sunny, 21 C', call),
        ChatMessage.fromUser('Thanks!'),
      ];
      const { replies } = await generator.run(messages);
      expect(replies[0]!.text).toBe(chatReply);
      const rendered =
        '<|im_start|>user\nWeather in Berlin?<|im_end|>\n' +
        '<|im_start|>assistant\n<tool_call>\n{"name": "get_weather", "arguments": {"city": "Berlin"}}\n</tool_call><|im_end|>\n' +
        '<|im_start|>user\n<tool_response>\nSunny, 21 C\n</tool_response><|im_end|>\n' +
        '<|im_start|>user\nThanks!<|im_end|>\n' +
        '<|im_start|>assistant\n';
      expect(replies[0]!.meta.usage).toMatchObject({ prompt_tokens: await countTokens(rendered) });
    });

    it('should render a system message before the user message', async () => {
      const { replies } = await generator.run([ChatMessage.fromSystem('Be brief.'), ChatMessage.fromUser('Hi')]);
      expect(replies[0]!.text).toBe(chatReply);
      const rendered = '<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n';
      expect(replies[0]!.meta.usage).toMatchObject({ prompt_tokens: await countTokens(rendered) });
    });

    it('should refuse a user message with an image with a ConfigError', async () => {
      const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
      const message = ChatMessage.fromUser([{ type: 'text', text: 'What is this?' }, ImageContent.fromBase64(png)]);
      const { chunks, streamingCallback } = collect();
      const error = await rejectionOf(generator.run([message], { streamingCallback }));
      expect(ConfigError.isInstance(error)).toBe(true);
      expect(error.message).toContain('image');
      expect(chunks).toEqual([]);
    });

    it('should return no replies for an empty message list', async () => {
      expect(await generator.run([])).toEqual({ replies: [] });
    });

    it('should reply through invoke() with the pipeline inputs', async () => {
      const { replies } = await generator.invoke({ messages: hi });
      expect(replies.map((reply) => reply.text)).toEqual([chatReply]);
    });
  });

  describe('max_new_tokens', () => {
    let generator: HuggingFaceLocalChatGenerator;
    beforeAll(() => {
      generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-loop', { env, generationKwargs: { max_new_tokens: 9 } });
    });
    afterAll(() => generator.dispose());

    it('should cut the reply after max_new_tokens with finish reason length', async () => {
      const { chunks, streamingCallback } = collect();
      const { replies } = await generator.run(hi, { streamingCallback });
      expect(replies[0]!.text).toBe('Hello from the tiny model.Hello from the');
      expect(joined(chunks)).toBe('Hello from the tiny model.Hello from the');
      expect(replies[0]!.meta.finish_reason).toBe('length');
      expect(replies[0]!.meta.usage).toMatchObject({ completion_tokens: 9 });
      expect(chunks.at(-1)!.finishReason).toBe('length');
    });

    it('should take max_new_tokens per call over the constructor value', async () => {
      const { replies } = await generator.run(hi, { generationKwargs: { max_new_tokens: 3 } });
      expect(replies[0]!.text).toBe('Hello from the');
      expect(replies[0]!.meta.finish_reason).toBe('length');
      expect(replies[0]!.meta.usage).toMatchObject({ completion_tokens: 3 });
      expect(generator.generationKwargs.max_new_tokens).toBe(9);
    });

    it('should report finish reason length when the limit falls just before the end of sequence', async () => {
      const chat = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, generationKwargs: { max_new_tokens: 6 } });
      const { replies } = await chat.run(hi);
      expect(replies[0]!.text).toBe(chatReply);
      expect(replies[0]!.meta.finish_reason).toBe('length');
      expect(replies[0]!.meta.usage).toMatchObject({ completion_tokens: 6 });
      const roomy = await chat.run(hi, { generationKwargs: { max_new_tokens: 7 } });
      expect(roomy.replies[0]!.meta.finish_reason).toBe('stop');
      expect(roomy.replies[0]!.meta.usage).toMatchObject({ completion_tokens: 6 });
      chat.dispose();
    });

    it('should refuse a per-call max_new_tokens of 0 with a ConfigError', async () => {
      const error = await rejectionOf(generator.run(hi, { generationKwargs: { max_new_tokens: 0 } }));
      expect(ConfigError.isInstance(error)).toBe(true);
    });
  });

  describe('abort', () => {
    let generator: HuggingFaceLocalChatGenerator;
    beforeAll(() => {
      generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-loop', { env, generationKwargs: { max_new_tokens: 100_000 } });
    });
    afterAll(() => generator.dispose());

    it('should stop between two tokens and reject with an AbortError that keeps the text so far', async () => {
      const controller = new AbortController();
      const chunks: StreamingChunk[] = [];
      let afterAbort = 0;
      const error = await rejectionOf<AbortError>(
        generator.run(hi, {
          signal: controller.signal,
          streamingCallback: (chunk) => {
            if (controller.signal.aborted) afterAbort += 1;
            chunks.push(chunk);
            if (chunks.length === 20) controller.abort();
          },
        }),
      );
      expect(AbortError.isInstance(error)).toBe(true);
      expect(afterAbort).toBeLessThanOrEqual(2);
      const reply = error.replies![0]!;
      expect(reply.text).not.toBe('');
      expect(reply.text).toBe(joined(chunks));
      expect(loopUnit.repeat(10).startsWith(reply.text!)).toBe(true);
      expect(reply.text!.length).toBeGreaterThanOrEqual(joined(chunks.slice(0, 20)).length);
      expect(reply.meta.aborted).toBe(true);
      expect(reply.meta.finish_reason).toBeNull();
    });

    it('should reject at once without generating when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const { chunks, streamingCallback } = collect();
      const error = await rejectionOf(generator.run(hi, { signal: controller.signal, streamingCallback }));
      expect(AbortError.isInstance(error)).toBe(true);
      expect(chunks).toEqual([]);
    });

    it('should end stream() with the AbortError when aborted', async () => {
      const controller = new AbortController();
      let count = 0;
      const error = await rejectionOf(
        (async () => {
          for await (const _chunk of generator.stream(hi, { signal: controller.signal })) {
            count += 1;
            if (count === 5) controller.abort();
          }
        })(),
      );
      expect(AbortError.isInstance(error)).toBe(true);
      expect(count).toBeGreaterThanOrEqual(5);
    });
  });

  describe('stop words', () => {
    it('should end the reply before a stop word', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, stopWords: [' tiny'] });
      const { chunks, streamingCallback } = collect();
      const { replies } = await generator.run(hi, { streamingCallback });
      expect(replies[0]!.text).toBe('Hello from the');
      expect(joined(chunks)).toBe('Hello from the');
      expect(replies[0]!.meta.finish_reason).toBe('stop');
      expect(generator.generationKwargs.stop_sequences).toEqual([' tiny']);
      generator.dispose();
    });

    it('should cut at a stop word that spans two tokens and never stream text after the cut', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, stopWords: ['the ti'] });
      const { chunks, streamingCallback } = collect();
      const { replies } = await generator.run(hi, { streamingCallback });
      expect(replies[0]!.text).toBe('Hello from ');
      expect(joined(chunks)).toBe('Hello from ');
      expect(chunks.some((chunk) => chunk.content.includes('ti') || chunk.content.includes('the'))).toBe(false);
      expect(replies[0]!.meta.finish_reason).toBe('stop');
      generator.dispose();
    });

    it('should stop at generation_kwargs.stop_sequences, given to the constructor or per call', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-loop', { env, generationKwargs: { stop_sequences: ['model'] } });
      const { replies } = await generator.run(hi);
      expect(replies[0]!.text).toBe('Hello from the tiny ');
      expect(replies[0]!.meta.finish_reason).toBe('stop');
      const perCall = await generator.run(hi, { generationKwargs: { stop_sequences: ['.Hello'] } });
      expect(perCall.replies[0]!.text).toBe(loopUnit.slice(0, -1));
      expect(perCall.replies[0]!.meta.finish_reason).toBe('stop');
      generator.dispose();
    });

    it('should flush the text held back for a stop word that never completes', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, stopWords: ['model.!'] });
      const { chunks, streamingCallback } = collect();
      const { replies } = await generator.run(hi, { streamingCallback });
      expect(replies[0]!.text).toBe(chatReply);
      expect(joined(chunks)).toBe(chatReply);
      expect(replies[0]!.meta.finish_reason).toBe('stop');
      generator.dispose();
    });
  });

  describe('tool calls', () => {
    let generator: HuggingFaceLocalChatGenerator;
    beforeAll(() => {
      generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-tool', { env, tools: [weather] });
    });
    afterAll(() => generator.dispose());

    it('should parse the Hermes tool call into the reply with finish reason tool_calls', async () => {
      const { replies } = await generator.run([ChatMessage.fromUser('Weather in Berlin?')]);
      const reply = replies[0]!;
      expect(reply.toolCalls).toEqual([{ type: 'tool_call', id: null, toolName: 'get_weather', arguments: { city: 'Berlin' } }]);
      expect(reply.text ?? '').toBe('');
      expect(reply.meta.finish_reason).toBe('tool_calls');
      expect(reply.meta.usage).toMatchObject({ completion_tokens: tinyModelReplyTokens['hayloft-tiny-tool'] });
    });

    it('should never stream the raw tool-call text, and stream a tool-call delta instead', async () => {
      const { chunks, streamingCallback } = collect();
      const { replies } = await generator.run([ChatMessage.fromUser('Weather in Berlin?')], { streamingCallback });
      expect(chunks.some((chunk) => chunk.content.includes('<tool_call>') || chunk.content.includes('{'))).toBe(false);
      expect(joined(chunks)).toBe('');
      const deltas = chunks.filter((chunk) => (chunk.toolCalls?.length ?? 0) > 0);
      expect(deltas).toHaveLength(1);
      expect(deltas[0]!.toolCalls).toEqual([{ index: 0, id: null, toolName: 'get_weather', arguments: '{"city":"Berlin"}' }]);
      expect(chunks.at(-1)!.finishReason).toBe('tool_calls');
      expect(replies[0]!.toolCalls[0]!.arguments).toEqual({ city: 'Berlin' });

      const assembler = new StreamAssembler();
      for (const chunk of chunks) assembler.push(chunk);
      expect(assembler.finish({ completed: true })[0]!.toolCalls).toEqual(replies[0]!.toolCalls);
    });

    it('should describe the tools to the model through the chat template', async () => {
      const plain = new HuggingFaceLocalChatGenerator('hayloft-tiny-tool', { env });
      const [withTools, without] = await Promise.all([generator.run(hi), plain.run(hi)]);
      const toolsPrompt = (withTools.replies[0]!.meta.usage as { prompt_tokens: number }).prompt_tokens;
      const plainPrompt = (without.replies[0]!.meta.usage as { prompt_tokens: number }).prompt_tokens;
      expect(plainPrompt).toBe(21);
      expect(toolsPrompt).toBeGreaterThan(plainPrompt + JSON.stringify(weather.toOpenAITool(false)).length);
      plain.dispose();
    });

    it('should take tools per call', async () => {
      const plain = new HuggingFaceLocalChatGenerator('hayloft-tiny-tool', { env });
      const { replies } = await plain.run(hi, { tools: [weather] });
      expect(replies[0]!.toolCalls.map((call) => call.toolName)).toEqual(['get_weather']);
      expect(replies[0]!.meta.finish_reason).toBe('tool_calls');
      plain.dispose();
    });

    it('should reply with the raw text when no tools are given', async () => {
      const plain = new HuggingFaceLocalChatGenerator('hayloft-tiny-tool', { env });
      const { chunks, streamingCallback } = collect();
      const { replies } = await plain.run(hi, { streamingCallback });
      expect(replies[0]!.text).toBe(toolReply);
      expect(replies[0]!.toolCalls).toEqual([]);
      expect(replies[0]!.meta.finish_reason).toBe('stop');
      expect(joined(chunks)).toBe(toolReply);
      plain.dispose();
    });

    it('should use a custom toolParsingFunction instead of the default and stream the text as it is', async () => {
      const seen: string[] = [];
      const parser: ToolParsingFunction = (text) => {
        seen.push(text);
        return [{ type: 'tool_call', id: 'call_9', toolName: 'lookup', arguments: { query: 'fixed' } }];
      };
      const custom = new HuggingFaceLocalChatGenerator('hayloft-tiny-tool', { env, tools: [weather], toolParsingFunction: parser });
      const { chunks, streamingCallback } = collect();
      const { replies } = await custom.run(hi, { streamingCallback });
      expect(seen).toEqual([toolReply]);
      expect(joined(chunks)).toBe(toolReply);
      expect(replies[0]!.text).toBe(toolReply);
      expect(replies[0]!.toolCalls).toEqual([{ type: 'tool_call', id: 'call_9', toolName: 'lookup', arguments: { query: 'fixed' } }]);
      expect(replies[0]!.meta.finish_reason).toBe('tool_calls');
      custom.dispose();
    });

    it('should finish with stop when a custom parser finds no call', async () => {
      const custom = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, tools: [weather], toolParsingFunction: () => null });
      const { replies } = await custom.run(hi);
      expect(replies[0]!.text).toBe(chatReply);
      expect(replies[0]!.toolCalls).toEqual([]);
      expect(replies[0]!.meta.finish_reason).toBe('stop');
      custom.dispose();
    });

    it('should stream plain text from a model that makes no call even when tools are given', async () => {
      const chat = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, tools: [weather] });
      const { chunks, streamingCallback } = collect();
      const { replies } = await chat.run(hi, { streamingCallback });
      expect(replies[0]!.text).toBe(chatReply);
      expect(joined(chunks)).toBe(chatReply);
      expect(replies[0]!.meta.finish_reason).toBe('stop');
      chat.dispose();
    });
  });

  describe('model loading', () => {
    it('should reject warmUp and run with a ModelLoadError naming the model and where it looked', async () => {
      const generator = new HuggingFaceLocalChatGenerator('no-such-model', { env });
      const error = await rejectionOf<ModelLoadError>(generator.warmUp());
      expect(ModelLoadError.isInstance(error)).toBe(true);
      expect(error.model).toBe('no-such-model');
      expect(error.message).toContain('no-such-model');
      expect(error.message).toContain(dir);
      expect(generator.device).toBeUndefined();

      const runError = await rejectionOf<ModelLoadError>(generator.run(hi));
      expect(ModelLoadError.isInstance(runError)).toBe(true);
      expect(runError.model).toBe('no-such-model');
      expect(runError.message).toContain(join(dir, 'no-such-model'));
    });

    it('should report every file initiate, download, progress, done in order, then ready at 100%', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env });
      expect(generator.device).toBeUndefined();
      const events: Array<[ModelProgressEvent, ModelLoadProgress]> = [];
      await generator.warmUp({ onProgress: (event, progress) => events.push([event, progress]) });

      const files = ['config.json', 'generation_config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json'];
      const order: ModelProgressEvent['status'][] = ['initiate', 'download', 'progress', 'done'];
      for (const file of files) {
        const statuses = events.map(([event]) => event).filter((event) => 'file' in event && event.file === file).map((event) => event.status);
        const firsts = order.map((status) => statuses.indexOf(status));
        expect(firsts.every((at) => at !== -1), `${file}: ${statuses.join(',')}`).toBe(true);
        expect([...firsts].sort((a, b) => a - b), `${file}: ${statuses.join(',')}`).toEqual(firsts);
        expect(statuses.at(-1)).toBe('done');
      }
      const percents = events.map(([, progress]) => progress.percent);
      for (let index = 1; index < percents.length; index += 1) expect(percents[index]!).toBeGreaterThanOrEqual(percents[index - 1]!);
      const [lastEvent, last] = events.at(-1)!;
      expect(lastEvent).toEqual({ status: 'ready', task: 'text-generation', model: 'hayloft-tiny-chat' });
      expect(events.filter(([event]) => event.status === 'ready')).toHaveLength(1);
      expect(last.percent).toBe(100);
      expect(Object.keys(last.files).sort()).toEqual(files);
      const size = (file: string) => statSync(join(dir, 'hayloft-tiny-chat', file)).size;
      for (const file of files) expect(last.files[file], file).toEqual({ loaded: size(file), total: size(file) });
      expect(last.total).toBe(files.reduce((sum, file) => sum + size(file), 0));
      expect(last.loaded).toBe(last.total);
      expect(last.cached).toBe(false);

      expect(generator.device).toEqual({ device: 'cpu', dtype: null, reason: 'Node: onnxruntime-node on the CPU.' });

      const again: Array<[ModelProgressEvent, ModelLoadProgress]> = [];
      await generator.warmUp({ onProgress: (event, progress) => again.push([event, progress]) });
      expect(again).toHaveLength(1);
      expect(again[0]![0]).toEqual({ status: 'ready', task: 'text-generation', model: 'hayloft-tiny-chat' });
      expect(again[0]![1]).toMatchObject({ percent: 100, cached: true });
      generator.dispose();
      expect(generator.device).toBeUndefined();
    });

    it('should report percent as the share of all the model bytes loaded so far', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env });
      const files = ['config.json', 'generation_config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json'];
      const modelBytes = files.reduce((sum, file) => sum + statSync(join(dir, 'hayloft-tiny-chat', file)).size, 0);
      const loaded = new Map<string, number>();
      const overshoots: string[] = [];
      await generator.warmUp({
        onProgress: (event, progress) => {
          // Bytes loaded so far, as transformers.js reports them per file (and for all files in progress_total).
          if (event.status === 'progress') loaded.set(event.file, Math.max(loaded.get(event.file) ?? 0, event.loaded));
          if (event.status === 'progress_total' && 'files' in event) {
            const files = event.files as Record<string, { loaded: number }>;
            for (const [file, bytes] of Object.entries(files)) loaded.set(file, Math.max(loaded.get(file) ?? 0, bytes.loaded));
          }
          if (event.status === 'ready') return;
          const share = (100 * [...loaded.values()].reduce((sum, bytes) => sum + bytes, 0)) / modelBytes;
          if (progress.percent > share + 1) overshoots.push(`${event.status} ${'file' in event ? event.file : ''}: ${progress.percent.toFixed(1)}% reported, ${share.toFixed(1)}% of the bytes loaded`);
        },
      });
      generator.dispose();
      expect(overshoots).toEqual([]);
    });

    it('should end the progress of a warmUp that joins a load in progress with ready at 100%', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env });
      const first: ModelProgressEvent[] = [];
      const second: Array<[ModelProgressEvent, ModelLoadProgress]> = [];
      await Promise.all([
        generator.warmUp({ onProgress: (event) => first.push(event) }),
        generator.warmUp({ onProgress: (event, progress) => second.push([event, progress]) }),
      ]);
      generator.dispose();
      expect(first.at(-1)!.status).toBe('ready');
      expect(second.at(-1)?.[0].status).toBe('ready');
      expect(second.at(-1)?.[1].percent).toBe(100);
    });

    it('should reject a warmUp whose signal is already aborted with an AbortError', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env });
      const controller = new AbortController();
      controller.abort();
      const error = await rejectionOf(generator.warmUp({ signal: controller.signal }));
      expect(AbortError.isInstance(error)).toBe(true);
      expect(generator.device).toBeUndefined();
    });

    it('should load the model on the first run without a warmUp', async () => {
      const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env });
      expect(generator.device).toBeUndefined();
      const { replies } = await generator.run(hi);
      expect(replies[0]!.text).toBe(chatReply);
      expect(generator.device?.device).toBe('cpu');
      generator.dispose();
    });
  });
});
