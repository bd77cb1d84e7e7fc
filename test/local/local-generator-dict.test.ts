import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatMessage, ConfigError, Tool, isLoadableModel, type ComponentDict, type StreamingChunk } from '../../src/index.js';
import {
  HuggingFaceLocalChatGenerator,
  HuggingFaceLocalGenerator,
  TransformersChatGenerator,
  defaultToolParser,
  type LocalModelEnv,
} from '../../src/local/index.js';
import { tinyModelReplies, writeTinyModels } from '../fixtures/tiny-model.js';
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
const chatType = 'haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator';
const transformersType = 'haystack_integrations.components.generators.transformers.chat.chat_generator.TransformersChatGenerator';
const textType = 'haystack.components.generators.hugging_face_local.HuggingFaceLocalGenerator';
const defaultParserName = 'haystack.components.generators.chat.hugging_face_local.default_tool_parser';

const getWeather = ({ city }: Record<string, unknown>) => `Sunny in ${String(city)}`;
const weather = new Tool({
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  invoke: getWeather,
});

const expectConfigError = (make: () => unknown, message?: string) => {
  let caught: unknown;
  try {
    make();
  } catch (error) {
    caught = error;
  }
  expect(ConfigError.isInstance(caught), `expected a ConfigError, got ${String(caught)}`).toBe(true);
  if (message !== undefined) expect((caught as Error).message).toContain(message);
};

describe('HuggingFaceLocalGenerator', () => {
  let generator: HuggingFaceLocalGenerator;
  beforeAll(async () => {
    generator = new HuggingFaceLocalGenerator('hayloft-tiny-chat', { env });
    await generator.warmUp();
  });
  afterAll(() => generator.dispose());

  it('should continue the raw prompt without a chat template', async () => {
    const result = await generator.run('Hi');
    expect(result.replies).toEqual([chatReply]);
    expect(result.meta).toHaveLength(1);
    expect(result.meta[0]).toMatchObject({
      model: 'hayloft-tiny-chat',
      finish_reason: 'stop',
      usage: { prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 },
      device: 'cpu',
    });
    expect(isLoadableModel(generator)).toBe(true);
    expect(generator.device?.device).toBe('cpu');
  });

  it('should refuse a system prompt with a ConfigError', async () => {
    const error = await rejectionOf(generator.run('Hi', { systemPrompt: 'Be brief.' }));
    expect(ConfigError.isInstance(error)).toBe(true);
    const fromInputs = await rejectionOf(generator.invoke({ prompt: 'Hi', system_prompt: 'Be brief.' }));
    expect(ConfigError.isInstance(fromInputs)).toBe(true);
  });

  it('should stream through the streaming callback', async () => {
    const chunks: StreamingChunk[] = [];
    const result = await generator.run('Hi', { streamingCallback: (chunk) => void chunks.push(chunk) });
    expect(chunks.map((chunk) => chunk.content).join('')).toBe(chatReply);
    expect(chunks.find((chunk) => chunk.content !== '')!.start).toBe(true);
    expect(chunks.at(-1)!.finishReason).toBe('stop');
    expect(result.replies).toEqual([chatReply]);
  });

  it('should reply through invoke() with the pipeline inputs', async () => {
    const chunks: StreamingChunk[] = [];
    const result = await generator.invoke({ prompt: 'Hi', generation_kwargs: { max_new_tokens: 2 }, streaming_callback: (chunk) => void chunks.push(chunk) });
    expect(result.replies).toEqual(['Hello from']);
    expect(result.meta[0]).toMatchObject({ finish_reason: 'length', usage: { completion_tokens: 2 } });
    expect(chunks.map((chunk) => chunk.content).join('')).toBe('Hello from');
  });

  it('should stop at its stop words', async () => {
    const stopping = new HuggingFaceLocalGenerator('hayloft-tiny-chat', { env, stopWords: [' model'] });
    const result = await stopping.run('Hi');
    stopping.dispose();
    expect(result.replies).toEqual(['Hello from the tiny']);
    expect(result.meta[0]).toMatchObject({ finish_reason: 'stop' });
  });

  it('should return no replies for an empty prompt, as Haystack does', async () => {
    expect(await generator.run('')).toEqual({ replies: [], meta: [] });
  });

  it('should write Haystack\'s dict and read it back', () => {
    const original = new HuggingFaceLocalGenerator('hayloft-tiny-chat', { dtype: 'q8', device: 'wasm', generationKwargs: { max_new_tokens: 40, temperature: 0.5 } });
    const dict = original.toDict();
    expect(dict.type).toBe(textType);
    expect(dict.init_parameters).toMatchObject({
      huggingface_pipeline_kwargs: { model: 'hayloft-tiny-chat', task: 'text-generation', device: 'wasm', dtype: 'q8' },
      generation_kwargs: { max_new_tokens: 40, temperature: 0.5 },
      streaming_callback: null,
      token: null,
    });
    const copy = HuggingFaceLocalGenerator.fromDict(dict);
    expect(copy.toDict()).toEqual(dict);
    expect(copy.model).toBe('hayloft-tiny-chat');
    expect(copy.devicePreference).toBe('wasm');
    expect(copy.dtype).toBe('q8');
  });

  it("should write stop words as Haystack's stop_words, not into generation_kwargs", () => {
    const dict = new HuggingFaceLocalGenerator('hayloft-tiny-chat', { stopWords: ['\n\n'] }).toDict();
    expect(dict.init_parameters.stop_words).toEqual(['\n\n']);
    expect(dict.init_parameters.generation_kwargs).toEqual({ max_new_tokens: 512 });
    expect(HuggingFaceLocalGenerator.fromDict(dict).toDict()).toEqual(dict);
  });

  it("should read a Python dict with stop_words and a CUDA device, and run it", async () => {
    const dict: ComponentDict = {
      type: textType,
      init_parameters: {
        huggingface_pipeline_kwargs: { model: 'hayloft-tiny-loop', task: 'text-generation', device: 'cuda:0' },
        generation_kwargs: { max_new_tokens: 100, return_full_text: false },
        stop_words: ['.'],
        streaming_callback: null,
        token: { type: 'env_var', env_vars: ['HF_API_TOKEN', 'HF_TOKEN'], strict: false },
      },
    };
    const read = HuggingFaceLocalGenerator.fromDict(dict, { env });
    expect(read.devicePreference).toBe('auto');
    const result = await read.run('Hi');
    read.dispose();
    expect(result.replies).toEqual(['Hello from the tiny model']);
  });

  it('should refuse an empty model, a bad task, num_return_sequences above 1 and max_new_tokens 0 with a ConfigError', () => {
    expectConfigError(() => new HuggingFaceLocalGenerator(''), 'model');
    expectConfigError(() => new HuggingFaceLocalGenerator('  '), 'model');
    expectConfigError(() => new HuggingFaceLocalGenerator('m', { task: 'summarization' as never }), "Task 'summarization' is not supported");
    expectConfigError(() => new HuggingFaceLocalGenerator('m', { generationKwargs: { num_return_sequences: 2 } }), 'num_return_sequences');
    expectConfigError(() => new HuggingFaceLocalGenerator('m', { generationKwargs: { max_new_tokens: 0 } }), 'max_new_tokens');
    expectConfigError(() => new HuggingFaceLocalGenerator('m', { stopWords: [''] }), 'stop words');
  });

  it('should refuse a device other than auto, webgpu or wasm with a ConfigError', () => {
    expectConfigError(() => new HuggingFaceLocalGenerator('m', { device: 'cuda' as never }), 'device');
  });

  it('should refuse a dict of another class', () => {
    expectConfigError(() => HuggingFaceLocalGenerator.fromDict({ type: chatType, init_parameters: {} }), chatType);
  });
});

describe('HuggingFaceLocalChatGenerator dicts', () => {
  it("should write Haystack's dict with the model and task inside huggingface_pipeline_kwargs", () => {
    const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-tool', { tools: [weather], stopWords: ['</s>'], generationKwargs: { temperature: 0.2 } });
    expect(generator.toDict()).toEqual({
      type: chatType,
      init_parameters: {
        // 'auto' stays out, so Python Haystack picks its own device from this dict.
        huggingface_pipeline_kwargs: { model: 'hayloft-tiny-tool', task: 'text-generation' },
        generation_kwargs: { temperature: 0.2, max_new_tokens: 512, stop_sequences: ['</s>'] },
        streaming_callback: null,
        token: null,
        chat_template: null,
        tools: [weather.toDict()],
        tool_parsing_function: defaultParserName,
      },
    });
    expect(weather.toDict()).toMatchObject({ type: 'haystack.tools.tool.Tool', data: { name: 'get_weather', function: 'get_weather' } });
  });

  it('should round-trip through fromDict(toDict())', () => {
    const original = new HuggingFaceLocalChatGenerator('hayloft-tiny-tool', {
      task: 'text2text-generation',
      device: 'webgpu',
      dtype: 'q4f16',
      chatTemplate: '{{ messages[0].content }}',
      tools: [weather],
      stopWords: ['STOP'],
      generationKwargs: { max_new_tokens: 64, do_sample: true, top_k: 5 },
      huggingfacePipelineKwargs: { revision: 'v2' },
    });
    const dict = original.toDict();
    expect(dict.init_parameters.huggingface_pipeline_kwargs).toEqual({ revision: 'v2', model: 'hayloft-tiny-tool', task: 'text2text-generation', device: 'webgpu', dtype: 'q4f16' });
    const copy = HuggingFaceLocalChatGenerator.fromDict(dict, { functions: { get_weather: getWeather } });
    expect(copy.toDict()).toEqual(dict);
    expect(copy.model).toBe('hayloft-tiny-tool');
    expect(copy.task).toBe('text2text-generation');
    expect(copy.devicePreference).toBe('webgpu');
    expect(copy.dtype).toBe('q4f16');
    expect(copy.chatTemplate).toBe('{{ messages[0].content }}');
    expect(copy.huggingfacePipelineKwargs).toEqual({ revision: 'v2' });
    expect(copy.toolParsingFunction).toBe(defaultToolParser);
    expect(copy.enableThinking).toBe(false);
  });

  it("should read a Haystack 3 TransformersChatGenerator dict and write it back with its type and enable_thinking", () => {
    const dict: ComponentDict = {
      type: transformersType,
      init_parameters: {
        huggingface_pipeline_kwargs: { model: 'hayloft-tiny-chat', task: 'text-generation', device: 'auto' },
        generation_kwargs: { max_new_tokens: 128, stop_sequences: [] },
        streaming_callback: null,
        token: null,
        chat_template: null,
        tools: null,
        tool_parsing_function: defaultParserName,
        enable_thinking: true,
      },
    };
    const generator = TransformersChatGenerator.fromDict(dict);
    expect(generator).toBeInstanceOf(HuggingFaceLocalChatGenerator);
    expect(generator.enableThinking).toBe(true);
    expect(generator.toDict()).toEqual(dict);
    expect(HuggingFaceLocalChatGenerator.typeNames).toEqual([chatType, transformersType]);
  });

  it('should write enable_thinking only in the Haystack 3 dialect', () => {
    const dict = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { enableThinking: true }).toDict();
    expect(dict.type).toBe(chatType);
    expect(dict.init_parameters).not.toHaveProperty('enable_thinking');
  });

  it("should read a Python dict whose device is 'cuda:0' as auto, without the token, and run it", async () => {
    const dict: ComponentDict = {
      type: chatType,
      init_parameters: {
        huggingface_pipeline_kwargs: { model: 'hayloft-tiny-chat', task: 'text-generation', device: 'cuda:0', token: null },
        generation_kwargs: { max_new_tokens: 3, return_full_text: false, stop_sequences: [] },
        streaming_callback: null,
        token: { type: 'env_var', env_vars: ['HF_API_TOKEN', 'HF_TOKEN'], strict: false },
        chat_template: null,
        tools: null,
        tool_parsing_function: defaultParserName,
      },
    };
    const generator = HuggingFaceLocalChatGenerator.fromDict(dict, { env });
    expect(generator.devicePreference).toBe('auto');
    expect(generator.huggingfacePipelineKwargs).toEqual({});
    // Written back as Python wrote it.
    expect(generator.toDict().init_parameters.huggingface_pipeline_kwargs).toEqual({ model: 'hayloft-tiny-chat', task: 'text-generation', device: 'cuda:0' });
    const { replies } = await generator.run([ChatMessage.fromUser('Hi')]);
    generator.dispose();
    expect(replies[0]!.text).toBe('Hello from the');
    expect(replies[0]!.meta.finish_reason).toBe('length');
  });

  it('should refuse a dict that names a custom tool parser unless toolParsingFunction is given', () => {
    const dict: ComponentDict = {
      type: chatType,
      init_parameters: { huggingface_pipeline_kwargs: { model: 'hayloft-tiny-tool', task: 'text-generation' }, tool_parsing_function: 'my_app.parsers.parse_calls' },
    };
    expectConfigError(() => HuggingFaceLocalChatGenerator.fromDict(dict), 'my_app.parsers.parse_calls');
    const parser = () => null;
    const generator = HuggingFaceLocalChatGenerator.fromDict(dict, { toolParsingFunction: parser });
    expect(generator.toolParsingFunction).toBe(parser);
  });

  it('should write back the name of the custom tool parser it was read with', () => {
    const dict: ComponentDict = {
      type: chatType,
      init_parameters: { huggingface_pipeline_kwargs: { model: 'hayloft-tiny-tool', task: 'text-generation' }, tool_parsing_function: 'my_app.parsers.parse_calls' },
    };
    const generator = HuggingFaceLocalChatGenerator.fromDict(dict, { toolParsingFunction: () => null });
    expect(generator.toDict().init_parameters.tool_parsing_function).toBe('my_app.parsers.parse_calls');
  });

  it('should read the model from a top-level model key and refuse a dict without one', () => {
    const generator = HuggingFaceLocalChatGenerator.fromDict({ type: chatType, init_parameters: { model: 'hayloft-tiny-chat' } });
    expect(generator.model).toBe('hayloft-tiny-chat');
    expectConfigError(() => HuggingFaceLocalChatGenerator.fromDict({ type: chatType, init_parameters: {} }), 'model');
    expectConfigError(() => HuggingFaceLocalChatGenerator.fromDict({ type: textType, init_parameters: { model: 'm' } }), textType);
  });

  it('should be exported under Haystack 3\'s name TransformersChatGenerator', () => {
    expect(TransformersChatGenerator).toBe(HuggingFaceLocalChatGenerator);
  });
});

describe('HuggingFaceLocalChatGenerator options', () => {
  it('should refuse an empty model, a bad task, a bad device, num_return_sequences above 1 and max_new_tokens 0 with a ConfigError', () => {
    expectConfigError(() => new HuggingFaceLocalChatGenerator(''), 'model');
    expectConfigError(() => new HuggingFaceLocalChatGenerator('   '), 'model');
    expectConfigError(() => new HuggingFaceLocalChatGenerator('m', { task: 'summarization' as never }), "Task 'summarization' is not supported");
    expectConfigError(() => new HuggingFaceLocalChatGenerator('m', { device: 'cuda' as never }), "device must be 'auto', 'webgpu' or 'wasm'");
    expectConfigError(() => new HuggingFaceLocalChatGenerator('m', { generationKwargs: { num_return_sequences: 2 } }), 'num_return_sequences must be 1');
    expectConfigError(() => new HuggingFaceLocalChatGenerator('m', { generationKwargs: { max_new_tokens: 0 } }), 'max_new_tokens');
    expectConfigError(() => new HuggingFaceLocalChatGenerator('m', { generationKwargs: { max_new_tokens: 2.5 } }), 'max_new_tokens');
    expectConfigError(() => new HuggingFaceLocalChatGenerator('m', { stopWords: [''] }), 'stop words');
  });

  it('should accept num_return_sequences 1 and keep max_new_tokens at 512 by default', () => {
    const generator = new HuggingFaceLocalChatGenerator('m', { generationKwargs: { num_return_sequences: 1 } });
    expect(generator.generationKwargs).toEqual({ num_return_sequences: 1, max_new_tokens: 512, stop_sequences: [] });
    expect(generator.devicePreference).toBe('auto');
    expect(generator.task).toBe('text-generation');
    expect(generator.device).toBeUndefined();
  });

  it('should render with a custom chatTemplate and hand enable_thinking to it', async () => {
    const chatTemplate = "{% if enable_thinking %}<think>{% endif %}{% for message in messages %}{{ message['content'] }}{% endfor %}";
    const plain = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, chatTemplate });
    const thinking = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, chatTemplate, enableThinking: true });
    const [a, b] = await Promise.all([plain.run([ChatMessage.fromUser('Hi')]), thinking.run([ChatMessage.fromUser('Hi')])]);
    plain.dispose();
    thinking.dispose();
    expect(a.replies[0]!.text).toBe(chatReply);
    expect(a.replies[0]!.meta.usage).toMatchObject({ prompt_tokens: 'Hi'.length });
    expect(b.replies[0]!.meta.usage).toMatchObject({ prompt_tokens: '<think>Hi'.length });
  });

  it('should turn a chat template that fails into a ConfigError', async () => {
    const generator = new HuggingFaceLocalChatGenerator('hayloft-tiny-chat', { env, chatTemplate: "{{ raise_exception('no chat here') }}" });
    const error = await rejectionOf(generator.run([ChatMessage.fromUser('Hi')]));
    generator.dispose();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error.message).toContain('no chat here');
  });
});
