import {
  ConfigError,
  HayloftError,
  ModelLoadError,
  ProviderError,
  defaultToDict,
  readComponentDict,
  type ChatGenerator,
  type ChatGeneratorResult,
  type ChatGeneratorRunOptions,
  type ChatMessage,
  type ComponentDict,
  type ComponentSockets,
  type InvokeOptions,
  type StreamEnd,
  type StreamingChunk,
} from '../core/index.js';
import type { ChatGeneratorInputs } from '../core/generator-component.js';
import { chatGeneratorSockets, runOptionsFromInputs } from '../core/generator-component.js';

/** Which generator answered, as Haystack's FallbackChatGenerator reports it. */
export interface FallbackMeta {
  successful_chat_generator_index: number;
  successful_chat_generator_class: string;
  total_attempts: number;
  failed_chat_generators: string[];
}

/** What {@link FallbackChatGenerator.run} resolves to: the replies and who gave them. */
export interface FallbackResult extends ChatGeneratorResult {
  meta: FallbackMeta;
}

/** Errors worth trying the next generator for: network, timeouts, 408/409/429/5xx, a model that cannot load. */
export const isFailoverError = (error: unknown): boolean =>
  (ProviderError.isInstance(error) && error.isRetryable) || ModelLoadError.isInstance(error);

const nameOf = (generator: ChatGenerator): string => generator.constructor.name;

/**
 * Tries chat generators in order and answers with the first that works, as Haystack's
 * `FallbackChatGenerator`. It moves on after errors a user would want to fail over on, and never
 * after a chunk has been delivered, since the user has already seen part of an answer. The replies'
 * meta and `result.meta` say which generator answered.
 *
 * @example
 * const generator = new FallbackChatGenerator([local, new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1' })]);
 */
export class FallbackChatGenerator implements ChatGenerator {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.generators.chat.fallback.FallbackChatGenerator'] as const;
  /** Pipeline sockets, as every chat generator's. */
  readonly sockets: ComponentSockets = chatGeneratorSockets;
  /** The generators, in the order they are tried. */
  readonly chatGenerators: readonly ChatGenerator[];

  constructor(chatGenerators: readonly ChatGenerator[]) {
    if (chatGenerators.length === 0) throw new ConfigError('FallbackChatGenerator needs at least one chat generator.');
    this.chatGenerators = [...chatGenerators];
  }

  /** Warms every generator; one that fails to warm up is tried (and skipped) at run time. */
  async warmUp(): Promise<void> {
    await Promise.allSettled(this.chatGenerators.map((generator) => generator.warmUp()));
  }

  /** Runs the generators in turn until one answers. */
  async run(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions = {}): Promise<FallbackResult> {
    const failed: string[] = [];
    let lastError: unknown;
    for (const [index, generator] of this.chatGenerators.entries()) {
      let delivered = false;
      const callback = options.streamingCallback;
      try {
        const result = await generator.run(messages, {
          ...options,
          ...(callback
            ? {
                streamingCallback: (chunk: StreamingChunk) => {
                  delivered = true;
                  return callback(chunk);
                },
              }
            : {}),
        });
        const meta: FallbackMeta = {
          successful_chat_generator_index: index,
          successful_chat_generator_class: nameOf(generator),
          total_attempts: index + 1,
          failed_chat_generators: failed,
        };
        return { replies: result.replies.map((reply) => reply.withMeta({ fallback: meta })), meta };
      } catch (error) {
        if (delivered || options.signal?.aborted || !isFailoverError(error)) throw error;
        failed.push(nameOf(generator));
        lastError = error;
      }
    }
    throw failedAll(failed, lastError);
  }

  /** Streams from the first generator that starts; an error after the first chunk is not failed over. */
  async *stream(
    messages: readonly ChatMessage[],
    options: ChatGeneratorRunOptions = {},
  ): AsyncGenerator<StreamingChunk, StreamEnd, undefined> {
    const failed: string[] = [];
    let lastError: unknown;
    for (const generator of this.chatGenerators) {
      let delivered = false;
      try {
        const iterator = generator.stream(messages, options);
        for (;;) {
          const step = await iterator.next();
          if (step.done) return step.value;
          delivered = true;
          yield step.value;
        }
      } catch (error) {
        if (delivered || options.signal?.aborted || !isFailoverError(error)) throw error;
        failed.push(nameOf(generator));
        lastError = error;
      }
    }
    throw failedAll(failed, lastError);
  }

  /** Pipeline entry. */
  invoke(inputs: ChatGeneratorInputs, options: InvokeOptions = {}): Promise<FallbackResult> {
    return this.run(inputs.messages, runOptionsFromInputs(inputs, options));
  }

  /** Haystack's `{ type, init_parameters: { chat_generators } }`. */
  toDict(): ComponentDict {
    return defaultToDict(FallbackChatGenerator.typeNames[0], { chat_generators: this.chatGenerators.map((generator) => generator.toDict()) });
  }

  /** Reads Haystack's dict; `readGenerator` turns each inner dict into a generator. */
  static fromDict(dict: ComponentDict, readGenerator: (dict: ComponentDict) => ChatGenerator): FallbackChatGenerator {
    const init = readComponentDict(dict, FallbackChatGenerator.typeNames, 'FallbackChatGenerator');
    const inner = init.chat_generators;
    if (!Array.isArray(inner)) throw new ConfigError("FallbackChatGenerator.fromDict: 'chat_generators' must be a list.");
    return new FallbackChatGenerator(inner.map((item) => readGenerator(item as ComponentDict)));
  }
}

const failedAll = (failed: readonly string[], lastError: unknown): HayloftError => {
  const error = new ProviderError(
    `Every chat generator failed (${failed.join(', ')}). The last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
    { code: 'all_generators_failed', cause: lastError },
  );
  if (HayloftError.isInstance(lastError)) error.replies = lastError.replies;
  return error;
};
