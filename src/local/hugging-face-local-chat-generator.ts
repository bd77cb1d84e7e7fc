import {
  ConfigError,
  chatGeneratorSockets,
  defaultToDict,
  flattenTools,
  readComponentDict,
  type ChatGenerator,
  type ChatGeneratorInputs,
  type ChatGeneratorResult,
  type ChatGeneratorRunOptions,
  type ChatMessage,
  type ComponentDict,
  type ComponentSockets,
  type GenerationKwargs,
  type GeneratorFromDictOptions,
  type InvokeOptions,
  type StreamEnd,
  type StreamingCallback,
  type StreamingChunk,
  type ToolsInput,
} from '../core/index.js';
import { deserializeTools, runOptionsFromInputs, serializeTools } from '../core/generator-component.js';
import { initReader } from '../core/read-init.js';
import { LocalModel, pipelineKwargsToDict, readPipelineKwargs, splitGenerationKwargs, type LocalModelOptions } from './local-model.js';
import { defaultToolParser, defaultToolParserName, defaultToolParserNames, type ToolParsingFunction } from './tool-parser.js';
import { toTemplateMessage } from './template-messages.js';

/** Options of {@link HuggingFaceLocalChatGenerator} (Haystack's, camelCased, plus the browser's). */
export interface HuggingFaceLocalChatGeneratorOptions extends LocalModelOptions {
  /** A Jinja chat template to use instead of the model's. */
  chatTemplate?: string | undefined;
  /** transformers.js generation options (`max_new_tokens` (default 512), `do_sample`, `temperature`, `top_k`, `top_p`, `repetition_penalty`, `stop_sequences`). */
  generationKwargs?: GenerationKwargs | undefined;
  /** Generation stops at any of these; the word is not part of the reply. */
  stopWords?: readonly string[] | undefined;
  /** Called with each chunk; when set, `run` streams. */
  streamingCallback?: StreamingCallback | undefined;
  /** Tools the model may call: described to it through the chat template, parsed from its text. */
  tools?: ToolsInput | undefined;
  /** Reads tool calls from the generated text; default {@link defaultToolParser}. */
  toolParsingFunction?: ToolParsingFunction | undefined;
  /** Asks thinking-capable chat templates (Qwen 3) to reason first. */
  enableThinking?: boolean | undefined;
}

const typeNames = [
  'haystack.components.generators.chat.hugging_face_local.HuggingFaceLocalChatGenerator',
  'haystack_integrations.components.generators.transformers.chat.chat_generator.TransformersChatGenerator',
] as const;

/**
 * Chats with a Hugging Face model that runs on the user's device through transformers.js: WebGPU
 * when the browser has it, WASM otherwise, in a module Worker so the page stays responsive. Same
 * contract as the cloud generators: swap one for the other and nothing else changes. Also exported
 * under Haystack 3's name `TransformersChatGenerator`.
 *
 * @example
 * const generator = new HuggingFaceLocalChatGenerator('onnx-community/Qwen2.5-0.5B-Instruct', { dtype: 'q4f16' });
 * await generator.warmUp({ onProgress: (_event, progress) => console.log(progress.percent) });
 * const { replies } = await generator.run([ChatMessage.fromUser('Hi!')]);
 */
export class HuggingFaceLocalChatGenerator extends LocalModel implements ChatGenerator {
  /** Haystack's type names: 2.x first, then the transformers integration's `TransformersChatGenerator`. */
  static readonly typeNames = typeNames;
  /** Pipeline sockets: `messages` in, `replies` out. */
  readonly sockets: ComponentSockets = chatGeneratorSockets;
  readonly chatTemplate: string | undefined;
  /** Generation options, with `max_new_tokens` (512 unless given) and the stop words in `stop_sequences`, as Haystack keeps them. */
  readonly generationKwargs: GenerationKwargs;
  readonly streamingCallback: StreamingCallback | undefined;
  readonly tools: ToolsInput | undefined;
  readonly toolParsingFunction: ToolParsingFunction;
  readonly enableThinking: boolean;
  #typeName: string;
  #toolParserName: string | undefined;
  // The device a dict named (`cuda:0`, `cpu`, `webgpu`, ...), written back as it was; Python devices are not used here.
  #dictDevice: string | undefined;

  constructor(model: string, options: HuggingFaceLocalChatGeneratorOptions = {}) {
    super(model, options, 'HuggingFaceLocalChatGenerator');
    this.chatTemplate = options.chatTemplate;
    const kwargs: Record<string, unknown> = { ...options.generationKwargs };
    kwargs.max_new_tokens ??= 512;
    const stop = Array.isArray(kwargs.stop_sequences) ? (kwargs.stop_sequences as unknown[]) : [];
    kwargs.stop_sequences = [...stop, ...(options.stopWords ?? [])];
    splitGenerationKwargs(kwargs, 'HuggingFaceLocalChatGenerator');
    this.generationKwargs = kwargs;
    this.streamingCallback = options.streamingCallback;
    this.tools = options.tools;
    flattenTools(this.tools);
    this.toolParsingFunction = options.toolParsingFunction ?? defaultToolParser;
    this.enableThinking = options.enableThinking ?? false;
    this.#typeName = typeNames[0];
  }

  #generate(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions, onChunk: ((chunk: StreamingChunk) => void | Promise<void>) | undefined) {
    const { generation, stopWords } = splitGenerationKwargs({ ...this.generationKwargs, ...options.generationKwargs }, 'HuggingFaceLocalChatGenerator');
    const tools = flattenTools(options.tools ?? this.tools);
    return this.runner.generate({
      input: { messages },
      generationKwargs: generation,
      stopWords,
      tools: tools.map((tool) => ({ ...tool.toOpenAITool(false) })),
      toolParser: tools.length > 0 ? this.toolParsingFunction : undefined,
      defaultParser: this.toolParsingFunction === defaultToolParser,
      chatTemplate: this.chatTemplate,
      // Always given: Qwen 3's template thinks unless enable_thinking is defined and false (Haystack passes it too).
      templateKwargs: { enable_thinking: this.enableThinking },
      signal: options.signal,
      onChunk,
      toTemplate: toTemplateMessage,
    });
  }

  /**
   * Generates a reply; streams through `streamingCallback` when one is set. An abort stops
   * generation between two tokens and throws an `AbortError` whose `replies` keep the text so far.
   *
   * @example
   * const { replies } = await generator.run([ChatMessage.fromUser('Hi!')], { streamingCallback: (chunk) => out.append(chunk.content) });
   */
  async run(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions = {}): Promise<ChatGeneratorResult> {
    if (messages.length === 0) return { replies: [] };
    const reply = await this.#generate(messages, options, options.streamingCallback ?? this.streamingCallback);
    return { replies: [reply] };
  }

  /**
   * Streams the reply chunk by chunk, as the cloud generators do; returns how the stream ended.
   *
   * @example
   * for await (const chunk of generator.stream([ChatMessage.fromUser('Hi!')])) out.append(chunk.content);
   */
  async *stream(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions = {}): AsyncGenerator<StreamingChunk, StreamEnd, undefined> {
    const queue: StreamingChunk[] = [];
    let wake: (() => void) | undefined;
    let settled = false;
    let failure: unknown;
    // A consumer that stops iterating stops the generation too.
    const stop = new AbortController();
    const onAbort = (): void => stop.abort(options.signal?.reason);
    if (options.signal?.aborted) stop.abort(options.signal.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const done = this.#generate(messages, { ...options, signal: stop.signal }, (chunk) => {
      queue.push(chunk);
      wake?.();
    }).then(
      () => {
        settled = true;
        wake?.();
      },
      (error: unknown) => {
        settled = true;
        failure = error;
        wake?.();
      },
    );
    try {
      for (;;) {
        const chunk = queue.shift();
        if (chunk !== undefined) {
          yield chunk;
          continue;
        }
        if (settled) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (!settled) stop.abort();
    }
    await done;
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error('The local generation failed.');
    return { completed: true };
  }

  /** Pipeline entry: inputs by socket name. */
  invoke(inputs: ChatGeneratorInputs, options: InvokeOptions = {}): Promise<ChatGeneratorResult> {
    return this.run(inputs.messages, runOptionsFromInputs(inputs, options));
  }

  /** Haystack's `{ type, init_parameters }`: the model and task inside `huggingface_pipeline_kwargs`, as Haystack writes them. */
  toDict(): ComponentDict {
    return defaultToDict(this.#typeName, {
      huggingface_pipeline_kwargs: pipelineKwargsToDict(this, this.#dictDevice),
      generation_kwargs: { ...this.generationKwargs },
      streaming_callback: null,
      token: null,
      chat_template: this.chatTemplate ?? null,
      tools: serializeTools(this.tools),
      // The parser's name as it was read (a dict is written back in its own dialect), else ours.
      tool_parsing_function:
        this.#toolParserName ?? (this.toolParsingFunction === defaultToolParser ? defaultToolParserName : null),
      ...(this.#typeName === typeNames[1] ? { enable_thinking: this.enableThinking } : {}),
    });
  }

  /** Reads Haystack's dict (2.x or the transformers integration's); a Python device such as `cuda:0` becomes `auto`. */
  static fromDict(dict: ComponentDict, options: GeneratorFromDictOptions & Pick<HuggingFaceLocalChatGeneratorOptions, 'env' | 'worker' | 'toolParsingFunction'> = {}): HuggingFaceLocalChatGenerator {
    const init = readComponentDict(dict, typeNames, 'HuggingFaceLocalChatGenerator');
    const read = initReader(init, 'HuggingFaceLocalChatGenerator');
    const { model, options: loadOptions, dictDevice } = readPipelineKwargs(read, 'HuggingFaceLocalChatGenerator');
    const parser = read.string('tool_parsing_function');
    const customParser = parser !== undefined && !defaultToolParserNames.includes(parser);
    if (customParser && options.toolParsingFunction === undefined) {
      throw new ConfigError(`The dict names the tool parser '${parser}': pass its implementation as toolParsingFunction.`);
    }
    const generator = new HuggingFaceLocalChatGenerator(model, {
      ...loadOptions,
      chatTemplate: read.string('chat_template'),
      generationKwargs: read.record('generation_kwargs'),
      tools: deserializeTools(init.tools, options),
      toolParsingFunction: options.toolParsingFunction,
      streamingCallback: options.streamingCallback,
      enableThinking: read.boolean('enable_thinking'),
      env: options.env,
      worker: options.worker,
    });
    generator.#typeName = dict.type === typeNames[1] ? typeNames[1] : typeNames[0];
    generator.#dictDevice = dictDevice;
    if (parser !== undefined && (customParser || options.toolParsingFunction === undefined)) generator.#toolParserName = parser;
    return generator;
  }
}

/** Haystack 3's name for {@link HuggingFaceLocalChatGenerator} (the transformers integration). */
export const TransformersChatGenerator = HuggingFaceLocalChatGenerator;
/** Haystack 3's name for {@link HuggingFaceLocalChatGenerator}. */
export type TransformersChatGenerator = HuggingFaceLocalChatGenerator;
