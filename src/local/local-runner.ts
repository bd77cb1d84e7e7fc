/**
 * What both local generators share: the engine (a Worker in browsers, in-process in Node), the
 * warm-up with aggregate progress, and one generation turned into `StreamingChunk`s and a reply.
 */
import {
  AbortError,
  ChatMessage,
  ConfigError,
  HayloftError,
  ModelLoadError,
  StreamAssembler,
  type FinishReason,
  type GenerationKwargs,
  type StreamingChunk,
} from '../core/index.js';
import type { ModelLoadProgress, ModelProgressEvent, WarmUpOptions } from '../core/model-progress.js';
import { isNode } from './device.js';
import { startOfAnyAtEnd } from './reply-streamer.js';
import type { DeviceChoice, EngineErrorData, GenerateRequest, GenerateResult, LoadRequest, LoadResult, LocalEngine } from './protocol.js';
import type { ToolParsingFunction } from './tool-parser.js';
import { WorkerEngine, createDefaultWorker, type WorkerLike } from './worker-engine.js';

/** How the generator runs the model: `true` (a module Worker, the default in browsers), `false` (in-process, the default in Node), or your own Worker. */
export type WorkerOption = boolean | (() => WorkerLike);

/** Turns what an engine threw (or a Worker sent) into a hayloft error. */
export const toHayloftError = (error: unknown, model: string): HayloftError => {
  if (HayloftError.isInstance(error)) return error;
  const data = (error as { data?: EngineErrorData }).data ?? (error as EngineErrorData);
  const message = typeof data?.message === 'string' ? data.message : error instanceof Error ? error.message : String(error);
  if (data?.kind === 'model-load') return new ModelLoadError(message, { model, cause: error });
  if (data?.kind === 'config') return new ConfigError(message, { cause: error });
  return new HayloftError(`Local model '${model}': ${message}`, { cause: error });
};

/** Keeps the aggregate progress of a load: bytes per file, never going backwards, 100 at the end. */
export class ProgressTracker {
  readonly #files = new Map<string, { loaded: number; total: number }>();
  #percent = 0;
  readonly #cached: boolean;
  /** True once transformers.js reported `ready`. */
  sawReady = false;

  constructor(cached: boolean) {
    this.#cached = cached;
  }

  /** Folds one event in and returns the aggregate after it. */
  update(event: ModelProgressEvent): ModelLoadProgress {
    if (event.status === 'progress') {
      const file = this.#files.get(event.file) ?? { loaded: 0, total: 0 };
      file.total = Math.max(file.total, event.total);
      file.loaded = Math.min(Math.max(file.loaded, event.loaded), file.total || event.loaded);
      this.#files.set(event.file, file);
    } else if (event.status === 'initiate' || event.status === 'download') {
      if (!this.#files.has(event.file)) this.#files.set(event.file, { loaded: 0, total: 0 });
    } else if (event.status === 'progress_total') {
      // transformers.js's running total knows every file's size from the start: use it, so the first
      // small file done does not read as most of the model.
      for (const [name, bytes] of Object.entries(event.files ?? {})) {
        const file = this.#files.get(name) ?? { loaded: 0, total: 0 };
        file.total = Math.max(file.total, bytes.total);
        file.loaded = Math.min(Math.max(file.loaded, bytes.loaded), file.total || bytes.loaded);
        this.#files.set(name, file);
      }
    } else if (event.status === 'done') {
      const file = this.#files.get(event.file);
      if (file !== undefined) file.loaded = file.total = Math.max(file.total, file.loaded);
    }
    if (event.status === 'ready') this.sawReady = true;
    return this.snapshot(event.status === 'ready');
  }

  /** The aggregate now; `finished` pins it to 100%. */
  snapshot(finished = false): ModelLoadProgress {
    let loaded = 0;
    let total = 0;
    const files: Record<string, { loaded: number; total: number }> = {};
    for (const [name, file] of this.#files) {
      loaded += file.loaded;
      total += file.total;
      files[name] = { loaded: file.loaded, total: file.total };
    }
    const percent = finished ? 100 : total > 0 ? Math.min(99.9, (loaded / total) * 100) : 0;
    this.#percent = Math.max(this.#percent, percent);
    return { loaded: finished ? Math.max(loaded, total) : loaded, total, percent: this.#percent, files, cached: this.#cached };
  }
}

/** What one generation needs beyond the load settings. */
export interface LocalGenerateOptions {
  readonly input: { readonly messages: readonly ChatMessage[] } | { readonly prompt: string };
  readonly generationKwargs: GenerationKwargs;
  readonly stopWords: readonly string[];
  readonly tools: readonly Record<string, unknown>[];
  readonly toolParser: ToolParsingFunction | undefined;
  /** Whether the parser is the default one, so text from `<tool_call>` on can be held back while streaming. */
  readonly defaultParser: boolean;
  readonly chatTemplate: string | undefined;
  readonly templateKwargs: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal | undefined;
  readonly onChunk: ((chunk: StreamingChunk) => void | Promise<void>) | undefined;
  readonly toTemplate: (message: ChatMessage) => unknown;
}

const toolCallTag = '<tool_call>';

/**
 * Holds back text that is a tool call in the making, so a UI never shows raw tool-call JSON: from
 * `<tool_call>` on, or a reply that opens with `{` (Haystack's bare JSON form).
 */
class ToolTextGate {
  #text = '';
  #emitted = 0;
  #closed = false;

  push(text: string): string {
    this.#text += text;
    if (this.#closed) return '';
    const tag = this.#text.indexOf(toolCallTag, this.#emitted);
    if (tag !== -1 || this.#text.trimStart().startsWith('{')) {
      this.#closed = true;
      const out = tag === -1 ? '' : this.#text.slice(this.#emitted, tag);
      this.#emitted = tag === -1 ? this.#emitted : tag;
      return out;
    }
    let hold = startOfAnyAtEnd(this.#text, [toolCallTag]);
    // Nothing emitted yet and only whitespace: a `{` may still come.
    if (this.#emitted === 0 && this.#text.trim() === '') hold = this.#text.length;
    const end = this.#text.length - hold;
    const out = this.#text.slice(this.#emitted, end);
    this.#emitted = Math.max(this.#emitted, end);
    return out;
  }

  /** Text held back so far. */
  get withheld(): string {
    return this.#text.slice(this.#emitted);
  }

  /** Everything generated. */
  get text(): string {
    return this.#text;
  }
}

const finishReasonOf = (result: GenerateResult, toolCalls: boolean): FinishReason => {
  if (result.end === 'length') return 'length';
  return toolCalls ? 'tool_calls' : 'stop';
};

/** The engine, the load settings and the device of one generator. */
export class LocalRunner {
  readonly #load: LoadRequest;
  readonly #worker: WorkerOption;
  // The load as it is run: after WebGPU failed to start, the same load on WASM (`webgpuFailure`).
  #effectiveLoad: LoadRequest;
  #engine: LocalEngine | undefined;
  #loaded: Promise<DeviceChoice> | undefined;
  #device: DeviceChoice | undefined;
  // Callers waiting for the load under way; an aborted warm-up stops the load only when it is alone.
  #waiters = 0;

  constructor(load: LoadRequest, worker: WorkerOption | undefined) {
    this.#load = load;
    this.#effectiveLoad = load;
    this.#worker = worker ?? (typeof Worker !== 'undefined' && typeof (globalThis as { document?: unknown }).document !== 'undefined' && !isNode());
  }

  /** The device chosen at load; undefined before. */
  get device(): DeviceChoice | undefined {
    return this.#device;
  }

  async #getEngine(): Promise<LocalEngine> {
    if (this.#engine !== undefined) return this.#engine;
    if (this.#worker === false) {
      const { TransformersEngine } = await import('./engine.js');
      this.#engine ??= new TransformersEngine();
    } else {
      const engine = new WorkerEngine(this.#worker === true ? createDefaultWorker() : this.#worker(), () => {
        // The Worker died: the next call starts a fresh one.
        if (this.#engine === engine) this.#reset();
      });
      this.#engine ??= engine;
    }
    return this.#engine;
  }

  /** Drops the engine (ending its Worker) and the load, keeping what was learnt about the device. */
  #reset(): void {
    this.#engine?.dispose();
    this.#engine = undefined;
    this.#loaded = undefined;
    this.#device = undefined;
  }

  /** Loads the model once; later calls report a finished, cached load. */
  async warmUp(options: WarmUpOptions = {}): Promise<void> {
    const { onProgress, signal } = options;
    if (signal?.aborted) throw new AbortError('The model load was aborted.');
    if (this.#loaded !== undefined) {
      const wasLoaded = this.#device !== undefined;
      await this.#wait(this.#loaded, signal);
      // A second warm-up (or one that joined a load under way) still ends with `ready` at 100%.
      if (onProgress !== undefined) {
        const event: ModelProgressEvent = { status: 'ready', task: this.#load.task, model: this.#load.model };
        onProgress(event, new ProgressTracker(wasLoaded).snapshot(true));
      }
      return;
    }
    // A load that was replaced (after dispose() or an aborted warm-up) must not touch the new one's state.
    const current = (): boolean => this.#loaded === loading;
    let tracker: ProgressTracker | undefined;
    const attempt = async (): Promise<LoadResult> => {
      const engine = await this.#getEngine();
      const load = this.#effectiveLoad;
      tracker ??= new ProgressTracker(await engine.isCached(load).catch(() => false));
      const progress = tracker;
      return engine.load(load, (event) => onProgress?.(event, progress.update(event)));
    };
    const loading: Promise<DeviceChoice> = attempt()
      .catch(async (error: unknown) => {
        // WebGPU did not start, which leaves onnxruntime-web's queue in that Worker broken: load on
        // WASM in a fresh Worker, and say why.
        const data = (error as { data?: EngineErrorData }).data;
        if (data?.kind !== 'webgpu-failed' || !current()) throw error;
        this.#engine?.dispose();
        this.#engine = undefined;
        this.#effectiveLoad = { ...this.#load, webgpuFailure: data.message };
        return attempt();
      })
      .then((result) => {
        if (current()) this.#device = result.device;
        const final = (tracker ?? new ProgressTracker(false)).snapshot(true);
        if (onProgress !== undefined && tracker?.sawReady !== true) {
          onProgress({ status: 'ready', task: this.#load.task, model: this.#load.model }, final);
        }
        return result.device;
      })
      .catch((error: unknown) => {
        if (current()) this.#loaded = undefined;
        throw toHayloftError(error, this.#load.model);
      });
    this.#loaded = loading;
    await this.#wait(loading, signal);
  }

  async #wait<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    this.#waiters += 1;
    try {
      if (signal === undefined) return await promise;
      return await new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          // A Worker can be stopped for real (the download stops too), but only when no one else waits for it.
          if (this.#worker !== false && this.#waiters <= 1 && this.#device === undefined) this.#reset();
          reject(new AbortError('The model load was aborted.'));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    } finally {
      this.#waiters -= 1;
    }
  }

  /** Whether every file of the model is in the cache. */
  async isCached(): Promise<boolean> {
    return (await this.#getEngine()).isCached(this.#effectiveLoad);
  }

  /** Evicts the model's files (and frees the model); the next warm-up downloads them again. */
  async clearCache(): Promise<number> {
    const removed = await (await this.#getEngine()).clearCache(this.#effectiveLoad);
    this.#loaded = undefined;
    this.#device = undefined;
    return removed;
  }

  /** Ends the Worker (or frees the in-process model). */
  dispose(): void {
    this.#reset();
  }

  /** Generates one reply, streaming chunks to `onChunk`; an abort throws with the partial reply. */
  async generate(options: LocalGenerateOptions): Promise<ChatMessage> {
    const { signal, onChunk } = options;
    if (signal?.aborted) throw new AbortError();
    const request: GenerateRequest = {
      ...('messages' in options.input
        ? { messages: options.input.messages.map(options.toTemplate) as GenerateRequest['messages'] }
        : { prompt: options.input.prompt }),
      tools: options.tools,
      chatTemplate: options.chatTemplate,
      templateKwargs: options.templateKwargs,
      generationKwargs: options.generationKwargs,
      stopWords: options.stopWords,
    };
    const model = this.#load.model;
    const assembler = new StreamAssembler();
    try {
      await this.warmUp({ signal });
    } catch (error) {
      const failure = toHayloftError(error, model);
      failure.replies = assembler.finish({ completed: false, error: failure });
      throw failure;
    }
    const engine = await this.#getEngine();
    const device = this.#device;
    const gate = options.toolParser !== undefined && options.defaultParser ? new ToolTextGate() : undefined;
    const chunkMeta = { model, index: 0 };
    let first = true;
    // Generation stops when the caller aborts, and also when the streaming callback fails.
    const stop = new AbortController();
    const onAbort = (): void => stop.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    // Chunks go out in order even when the callback is async: once a callback returns a promise,
    // the chunks after it wait in a chain. A synchronous callback is called straight away.
    let delivery: Promise<void> | undefined;
    let deliveryError: Error | undefined;
    const fail = (error: unknown): void => {
      deliveryError ??= error instanceof Error ? error : new Error(String(error));
      stop.abort();
    };
    const call = (chunk: StreamingChunk): Promise<void> | undefined => {
      if (deliveryError !== undefined || onChunk === undefined) return undefined;
      try {
        const pending = onChunk(chunk);
        return pending === undefined ? undefined : Promise.resolve(pending).catch(fail);
      } catch (error) {
        fail(error);
        return undefined;
      }
    };
    const send = (chunk: StreamingChunk) => {
      assembler.push(chunk);
      if (onChunk === undefined) return;
      if (delivery !== undefined) delivery = delivery.then(() => call(chunk));
      else delivery = call(chunk);
    };
    const onText = (text: string) => {
      const visible = gate === undefined ? text : gate.push(text);
      if (visible === '') return;
      send({ content: visible, meta: chunkMeta, index: 0, start: first });
      first = false;
    };
    /** Throws `failure` with what was generated so far, the held-back text included. */
    const throwWithReplies = async (failure: HayloftError): Promise<never> => {
      if (gate !== undefined && gate.withheld !== '') assembler.push({ content: gate.withheld, meta: chunkMeta, index: 0, start: first });
      await delivery;
      failure.replies = assembler.finish({ completed: false, error: failure });
      throw failure;
    };

    // The callback's own error goes out as it was thrown, as from the cloud generators; a hayloft
    // error carries the partial reply.
    const throwCallbackError = async (error: Error): Promise<never> => {
      if (HayloftError.isInstance(error)) return throwWithReplies(error);
      await delivery;
      throw error;
    };

    let result: GenerateResult;
    try {
      result = await engine.generate(this.#effectiveLoad, request, onText, stop.signal);
    } catch (error) {
      // A failed run can leave onnxruntime-web's queue broken in that Worker: start afresh next time.
      if (this.#worker !== false && this.#engine === engine) this.#reset();
      return await throwWithReplies(toHayloftError(error, model));
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    await delivery;
    if (deliveryError !== undefined) return throwCallbackError(deliveryError);
    if (result.end === 'interrupted') {
      return throwWithReplies(signal?.aborted ? new AbortError() : new HayloftError(`The local model '${model}' was disposed during generation.`));
    }

    const fullText = gate?.text ?? result.text;
    const calls = options.toolParser?.(fullText) ?? null;
    const toolCalls = calls !== null && calls.length > 0;
    if (gate !== undefined && !toolCalls && gate.withheld !== '') {
      send({ content: gate.withheld, meta: chunkMeta, index: 0, start: first });
    }
    const usage = {
      prompt_tokens: result.promptTokens,
      completion_tokens: result.completionTokens,
      total_tokens: result.promptTokens + result.completionTokens,
    };
    const finishReason = finishReasonOf(result, toolCalls);
    if (toolCalls) {
      send({
        content: '',
        meta: chunkMeta,
        index: 1,
        start: true,
        toolCalls: calls.map((call, index) => ({ index, id: call.id, toolName: call.toolName, arguments: JSON.stringify(call.arguments) })),
      });
    }
    send({ content: '', meta: { model, index: 0, finish_reason: finishReason, usage }, finishReason });
    await delivery;
    if (deliveryError !== undefined) return throwCallbackError(deliveryError);

    const reply = assembler.finish({ completed: true })[0] ?? ChatMessage.fromAssistant('');
    const seconds = result.durationMs / 1000;
    return ChatMessage.create('assistant', reply.content, {
      meta: {
        ...reply.meta,
        device: device?.device ?? null,
        device_reason: device?.reason ?? null,
        time_to_first_token_ms: result.timeToFirstTokenMs === null ? null : Math.round(result.timeToFirstTokenMs),
        tokens_per_second: seconds > 0 ? Math.round((result.completionTokens / seconds) * 10) / 10 : null,
      },
    });
  }
}
