import {
  HayloftError,
  ProviderError,
  StreamAssembler,
  flattenTools,
  type ChatGenerator,
  type ChatGeneratorResult,
  type ChatGeneratorRunOptions,
  type ChatMessage,
  type ComponentDict,
  type ComponentSockets,
  type GenerationKwargs,
  type InvokeOptions,
  type Secret,
  type StreamEnd,
  type StreamingCallback,
  type StreamingChunk,
  type ToolsInput,
} from '../core/index.js';
import { ConfigError } from '../core/errors.js';
import {
  chatGeneratorSockets,
  runOptionsFromInputs,
  serializeTools,
  type ChatGeneratorInputs,
} from '../core/generator-component.js';
import { CompletionStream } from './completion-stream.js';
import { convertCompletion } from './convert-completion.js';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';
import { loadOpenAI, type OpenAISdk } from './load-openai.js';
import { resolveApiKey } from './resolve-api-key.js';
import { parseStructuredReplies, prepareResponseFormat } from './response-format.js';
import type { ServerSentEvent } from './sse-decoder.js';
import { toProviderError } from './to-provider-error.js';

/** The `openai` client class (OpenAI or AzureOpenAI). */
export type OpenAIClient = InstanceType<OpenAISdk['OpenAI']>;

/** Options shared by every chat-completions generator (Haystack's, camelCased). */
export interface ChatCompletionsOptions {
  /** Called with each chunk; when set, `run` streams. */
  streamingCallback?: StreamingCallback | undefined;
  /** Sent with every request (`max_tokens`, `temperature`, `response_format`, ...). */
  generationKwargs?: GenerationKwargs | undefined;
  /** Seconds to wait for the provider (Haystack's unit); default 30. */
  timeout?: number | undefined;
  /** Retries on connection errors, 408, 409, 429 and 5xx, before any token; honours `Retry-After`. Default 5. */
  maxRetries?: number | undefined;
  /** Tools the model may call. */
  tools?: ToolsInput | undefined;
  /** Strict schema following for tool arguments. */
  toolsStrict?: boolean | undefined;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch | undefined;
  /** Headers added to every request. */
  defaultHeaders?: Readonly<Record<string, string>> | undefined;
  /**
   * Allow a real key in a browser page. Every visitor can read it there: use hayloft's proxy instead.
   * Meant for local experiments only.
   */
  dangerouslyAllowBrowserKey?: boolean | undefined;
}

/** What a named generator tells the shared implementation. */
export interface ChatCompletionsSettings {
  /** Shown in errors: `OpenAI`, `Azure OpenAI`, `STACKIT`, `Hugging Face`. */
  provider: string;
  /** The class name, for messages. */
  generatorName: string;
  /** The model (or Azure deployment) sent in requests. */
  model: string;
  /** The base URL requests go to. */
  baseUrl: string;
  /** Hosts that belong to the provider itself; a request there needs a key. */
  providerHosts: readonly string[];
  apiKey: Secret | undefined;
}

// Haystack's defaults (OPENAI_TIMEOUT, OPENAI_MAX_RETRIES), applied when the client is built.
const defaultTimeoutSeconds = 30;
const defaultMaxRetries = 5;

/**
 * The one chat-completions implementation behind every cloud chat generator. Named generators
 * (OpenAI, Azure, STACKIT, Hugging Face) only supply defaults, a client and their `toDict`.
 */
export abstract class ChatCompletionsGenerator implements ChatGenerator {
  /** Pipeline sockets: `messages` in, `replies` out. */
  readonly sockets: ComponentSockets = chatGeneratorSockets;
  /** The callback used when `run` gets none. */
  readonly streamingCallback: StreamingCallback | undefined;
  /** Default generation parameters. */
  readonly generationKwargs: GenerationKwargs;
  /** Default tools. */
  readonly tools: ToolsInput | undefined;
  /** Default strictness for tools. */
  readonly toolsStrict: boolean;
  /** Seconds before a request times out, as configured (the client uses 30 when unset). */
  readonly timeout: number | undefined;
  /** Retries before the first token, as configured (the client uses 5 when unset). */
  readonly maxRetries: number | undefined;

  protected readonly options: ChatCompletionsOptions;
  #client: Promise<{ client: OpenAIClient; sdk: OpenAISdk; secrets: string[] }> | undefined;

  protected constructor(options: ChatCompletionsOptions) {
    this.options = options;
    this.streamingCallback = options.streamingCallback;
    this.generationKwargs = { ...options.generationKwargs };
    this.tools = options.tools;
    this.toolsStrict = options.toolsStrict ?? false;
    this.timeout = options.timeout;
    this.maxRetries = options.maxRetries;
    if (this.timeout !== undefined && !(this.timeout > 0)) {
      throw new ConfigError(`timeout must be a positive number of seconds, got ${String(options.timeout)}.`);
    }
    if (this.maxRetries !== undefined && (!Number.isInteger(this.maxRetries) || this.maxRetries < 0)) {
      throw new ConfigError(`maxRetries must be a whole number of at least 0, got ${String(options.maxRetries)}.`);
    }
    flattenTools(this.tools); // refuse duplicate tool names now rather than on the first request
  }

  /** Provider, model, URL and key of this generator (read once, on first use). */
  protected abstract settings(): ChatCompletionsSettings;

  #settingsCache: ChatCompletionsSettings | undefined;

  // Settings derive from readonly options only, so they are computed once per generator.
  #settings(): ChatCompletionsSettings {
    this.#settingsCache ??= this.settings();
    return this.#settingsCache;
  }

  /** Builds the `openai` client; `common` holds the options every client gets. */
  protected abstract createClient(sdk: OpenAISdk, common: CommonClientOptions): OpenAIClient;

  /** Haystack's `{ type, init_parameters }`. */
  abstract toDict(): ComponentDict;

  /** Adjusts a request body before it is sent (stop words, provider quirks). */
  protected prepareBody(body: Record<string, unknown>): Record<string, unknown> {
    return body;
  }

  /** Loads the `openai` client and resolves the key, so the first message does not wait. */
  async warmUp(): Promise<void> {
    await this.#getClient();
  }

  #getClient(): Promise<{ client: OpenAIClient; sdk: OpenAISdk; secrets: string[] }> {
    this.#client ??= (async () => {
      const settings = this.#settings();
      const apiKey = resolveApiKey({
        generator: settings.generatorName,
        secret: settings.apiKey,
        baseUrl: settings.baseUrl,
        providerHosts: settings.providerHosts,
        dangerouslyAllowBrowserKey: this.options.dangerouslyAllowBrowserKey ?? false,
      });
      const sdk = await loadOpenAI();
      const baseFetch = this.options.fetch ?? globalThis.fetch.bind(globalThis);
      const client = this.createClient(sdk, {
        apiKey,
        fetch: baseFetch,
        timeout: (this.timeout ?? defaultTimeoutSeconds) * 1000,
        maxRetries: this.maxRetries ?? defaultMaxRetries,
        defaultHeaders: { ...this.options.defaultHeaders },
        // hayloft makes its own check above: a browser build holds no key unless the caller opted in.
        dangerouslyAllowBrowser: true,
      });
      return { client, sdk, secrets: apiKey === undefined ? [] : [apiKey] };
    })().catch((error: unknown) => {
      this.#client = undefined;
      throw error;
    });
    return this.#client;
  }

  #buildBody(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions, streaming: boolean) {
    const settings = this.#settings();
    // Rest destructuring rather than `delete`, which would turn the body into a slow dictionary object.
    const {
      response_format: format,
      stream_options: streamOptions,
      ...kwargs
    }: Record<string, unknown> = { ...this.generationKwargs, ...options.generationKwargs };
    const { responseFormat, structured } = prepareResponseFormat(format);
    const tools = flattenTools(options.tools ?? this.tools);
    const strict = options.toolsStrict ?? this.toolsStrict;
    const body: Record<string, unknown> = {
      model: settings.model,
      messages: messages.map((message) => message.toOpenAIDictFormat()),
      ...kwargs,
    };
    if (responseFormat) body.response_format = responseFormat;
    if (tools.length > 0) body.tools = tools.map((tool) => tool.toOpenAITool(strict || tool.strict));
    if (streaming) {
      body.stream = true;
      body.stream_options = streamOptions ?? { include_usage: true };
    }
    return { body: this.prepareBody(body), structured };
  }


  /** Sends a streaming request and returns the open stream. */
  async #open(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions): Promise<CompletionStream> {
    const { client, sdk, secrets } = await this.#getClient();
    const { body } = this.#buildBody(messages, options, true);
    const context = { provider: this.#settings().provider, secrets, signal: options.signal };
    try {
      // The client makes the request (headers, retries, HTTP errors); the body's events are read by
      // CompletionStream, a network read at a time.
      const response = await client.chat.completions.create(body as unknown as ChatCompletionCreateParamsStreaming, { signal: options.signal }).asResponse();
      return new CompletionStream(response, sdk, context);
    } catch (error) {
      throw toProviderError(error, sdk, context);
    }
  }

  /**
   * Streams the reply chunk by chunk; returns how the stream ended. A broken stream throws a
   * `ProviderError`, an abort an `AbortError`, after the chunks that did arrive.
   *
   * @example
   * for await (const chunk of generator.stream([ChatMessage.fromUser('Hi')])) output.append(chunk.content);
   */
  async *stream(
    messages: readonly ChatMessage[],
    options: ChatGeneratorRunOptions = {},
  ): AsyncGenerator<StreamingChunk, StreamEnd, undefined> {
    const stream = await this.#open(messages, options);
    try {
      for (;;) {
        for (const event of await stream.read()) {
          const value = stream.payload(event);
          if (value === undefined) break;
          yield* stream.convert(value);
        }
        if (stream.error !== undefined) throw stream.fail(stream.error);
        if (stream.done) return stream.end();
      }
    } finally {
      await stream.close();
    }
  }

  /**
   * Generates replies. Streams when a `streamingCallback` is set (here or on the generator), otherwise
   * makes one request. On failure the thrown error's `replies` hold what arrived.
   *
   * @example
   * const { replies } = await generator.run([ChatMessage.fromUser('What is BM25?')]);
   */
  async run(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions = {}): Promise<ChatGeneratorResult> {
    if (messages.length === 0) return { replies: [] };
    const callback = options.streamingCallback ?? this.streamingCallback;
    const format = options.generationKwargs?.response_format ?? this.generationKwargs.response_format;
    const { structured } = prepareResponseFormat(format);
    const provider = this.#settings().provider;
    const replies = callback ? await this.#runStreaming(messages, options, callback) : await this.#runOnce(messages, options);
    return { replies: structured ? await parseStructuredReplies(replies, structured, provider) : replies };
  }

  async #runOnce(messages: readonly ChatMessage[], options: ChatGeneratorRunOptions): Promise<ChatMessage[]> {
    const { client, sdk, secrets } = await this.#getClient();
    const { body } = this.#buildBody(messages, options, false);
    try {
      const completion = await client.chat.completions.create(body as unknown as ChatCompletionCreateParamsNonStreaming, {
        signal: options.signal,
      });
      // A body that is not a completion (an event stream, an HTML error page behind a 200) must not
      // pass for an empty answer.
      if (typeof completion !== 'object' || completion === null || !Array.isArray((completion as { choices?: unknown }).choices)) {
        const provider = this.#settings().provider;
        throw new ProviderError(`${provider.charAt(0).toUpperCase()}${provider.slice(1)} answered with something that is not a chat completion (no 'choices'). Check the base URL.`, {
          provider,
        });
      }
      return convertCompletion(completion);
    } catch (error) {
      if (ProviderError.isInstance(error)) throw error;
      throw toProviderError(error, sdk, { provider: this.#settings().provider, secrets, signal: options.signal });
    }
  }

  // Pushes chunks to the callback straight from the read loop: no async-generator hop per chunk,
  // and the callback is awaited only when it returns a promise.
  async #runStreaming(
    messages: readonly ChatMessage[],
    options: ChatGeneratorRunOptions,
    callback: StreamingCallback,
  ): Promise<ChatMessage[]> {
    const assembler = new StreamAssembler();
    let stream: CompletionStream | undefined;
    try {
      stream = await this.#open(messages, options);
      for (;;) {
        // Indexed loops: a page's first answer runs this before it is optimised, and there the
        // iterator protocol per event and per chunk is a measurable part of a large read.
        const events = await stream.read();
        for (let at = 0; at < events.length; at += 1) {
          const value = stream.payload(events[at] as ServerSentEvent);
          if (value === undefined) break;
          const chunks = stream.convert(value);
          for (let next = 0; next < chunks.length; next += 1) {
            const chunk = chunks[next] as StreamingChunk;
            assembler.push(chunk);
            const pending = callback(chunk);
            if (pending !== undefined) await pending;
          }
        }
        if (stream.error !== undefined) throw stream.fail(stream.error);
        if (stream.done) return assembler.finish(stream.end());
      }
    } catch (error) {
      if (HayloftError.isInstance(error)) error.replies = assembler.finish({ completed: false, error });
      throw error;
    } finally {
      await stream?.close();
    }
  }

  /** Pipeline entry: inputs by socket name. */
  async invoke(inputs: ChatGeneratorInputs, options: InvokeOptions = {}): Promise<ChatGeneratorResult> {
    return this.run(inputs.messages, runOptionsFromInputs(inputs, options));
  }

  /** The init parameters every chat generator writes, in Haystack's keys. */
  protected commonInitParameters(): Record<string, unknown> {
    return {
      streaming_callback: null,
      generation_kwargs: { ...this.generationKwargs },
      timeout: this.timeout ?? null,
      max_retries: this.maxRetries ?? null,
      tools: serializeTools(this.tools),
      tools_strict: this.toolsStrict,
    };
  }
}

/** Options every `openai` client of a generator is built with. */
export interface CommonClientOptions {
  apiKey: string | undefined;
  fetch: typeof globalThis.fetch;
  timeout: number;
  maxRetries: number;
  defaultHeaders: Record<string, string>;
  dangerouslyAllowBrowser: true;
}
