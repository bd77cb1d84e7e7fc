import type { ModelProgressEvent } from '../core/model-progress.js';
import type {
  EngineErrorData,
  GenerateRequest,
  GenerateResult,
  LoadRequest,
  LoadResult,
  LocalEngine,
  WorkerRequest,
  WorkerResponse,
} from './protocol.js';

/** A Worker as the engine uses it (a DOM `Worker`). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** A failed Worker call; `data` says what kind of failure it was. */
class WorkerCallError extends Error {
  readonly data: EngineErrorData;
  constructor(data: EngineErrorData) {
    super(data.message);
    this.name = 'WorkerCallError';
    this.data = data;
  }
}

interface Call {
  resolve(value: unknown): void;
  reject(error: WorkerCallError): void;
  onProgress?: (event: ModelProgressEvent) => void;
  onText?: (text: string) => void;
}

/** hayloft's own Worker script, bundled by the app's bundler (Vite, webpack 5, ...). */
export const createDefaultWorker = (): WorkerLike =>
  new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'hayloft-local-model' });

/** The engine on the page's side: every call is a message to the Worker that runs transformers.js. */
export class WorkerEngine implements LocalEngine {
  readonly #worker: WorkerLike;
  readonly #calls = new Map<number, Call>();
  #nextId = 1;
  #broken: EngineErrorData | undefined;

  /** `onBroken` is told once when the Worker fails (its script does not load, or it throws outside a call). */
  constructor(worker: WorkerLike, onBroken?: () => void) {
    this.#worker = worker;
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.#receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => {
      // Every call ends with the reason; the Worker is ended, and the owner starts a fresh one next time.
      this.#broken = { kind: 'other', message: `The local-model Worker failed: ${event.message || 'its script could not be loaded'}.` };
      for (const call of this.#calls.values()) call.reject(new WorkerCallError(this.#broken));
      this.#calls.clear();
      worker.terminate();
      onBroken?.();
    });
  }

  #receive(message: WorkerResponse): void {
    const call = this.#calls.get(message.id);
    if (call === undefined) return;
    switch (message.type) {
      case 'progress':
        call.onProgress?.(message.event);
        break;
      case 'text':
        call.onText?.(message.text);
        break;
      case 'result':
        this.#calls.delete(message.id);
        call.resolve(message.value);
        break;
      case 'error':
        this.#calls.delete(message.id);
        call.reject(new WorkerCallError(message.error));
        break;
    }
  }

  #call<T>(message: (id: number) => WorkerRequest, hooks: Omit<Call, 'resolve' | 'reject'> = {}): { id: number; done: Promise<T> } {
    const id = this.#nextId++;
    const done = new Promise<T>((resolve, reject) => {
      if (this.#broken !== undefined) {
        reject(new WorkerCallError(this.#broken));
        return;
      }
      this.#calls.set(id, { ...hooks, resolve: (value) => resolve(value as T), reject });
      try {
        this.#worker.postMessage(message(id));
      } catch (error) {
        // Something in the options cannot be copied to the Worker (a function, a class instance).
        this.#calls.delete(id);
        const reason = error instanceof Error ? error.message : String(error);
        reject(new WorkerCallError({ kind: 'config', message: `The local model's options must be plain data to reach its Worker (huggingfacePipelineKwargs, env, generationKwargs): ${reason}` }));
      }
    });
    return { id, done };
  }

  /** Loads the model in the Worker. */
  load(load: LoadRequest, onProgress: (event: ModelProgressEvent) => void): Promise<LoadResult> {
    return this.#call<LoadResult>((id) => ({ type: 'load', id, load }), { onProgress }).done;
  }

  /** Generates in the Worker; an abort interrupts it between two tokens. */
  async generate(load: LoadRequest, request: GenerateRequest, onText: (text: string) => void, signal?: AbortSignal): Promise<GenerateResult> {
    const { id, done } = this.#call<GenerateResult>((callId) => ({ type: 'generate', id: callId, load, request }), { onText });
    const interrupt = () => this.#worker.postMessage({ type: 'interrupt', id });
    if (signal?.aborted) interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await done;
    } finally {
      signal?.removeEventListener('abort', interrupt);
    }
  }

  /** Asks the Worker whether the model is cached. */
  isCached(load: LoadRequest): Promise<boolean> {
    return this.#call<boolean>((id) => ({ type: 'is-cached', id, load })).done;
  }

  /** Asks the Worker to evict the model's files. */
  clearCache(load: LoadRequest): Promise<number> {
    return this.#call<number>((id) => ({ type: 'clear-cache', id, load })).done;
  }

  /** Ends the Worker. */
  dispose(): void {
    this.#worker.terminate();
    this.#broken = { kind: 'other', message: 'The local model was disposed.' };
    for (const call of this.#calls.values()) call.reject(new WorkerCallError(this.#broken));
    this.#calls.clear();
  }
}
