/**
 * What the generator asks of the code that runs transformers.js, and what it gets back. The same
 * shapes travel in-process (Node, or `worker: false`) and through `postMessage` to the module
 * Worker, so everything here is structured-clone safe: plain data, no classes, no functions.
 */
import type { ModelProgressEvent } from '../core/model-progress.js';

/** Where the model runs: `auto` picks WebGPU when the browser has an adapter, else WASM. */
export type DevicePreference = 'auto' | 'webgpu' | 'wasm';

/** The backend a model actually runs on; `cpu` is onnxruntime-node in Node. */
export type LocalDevice = 'webgpu' | 'wasm' | 'cpu';

/** The transformers.js tasks the local generators use. */
export type LocalTask = 'text-generation' | 'text2text-generation';

/** What the generator chose to run on, and why (`generator.device`, and `meta.device` of each reply). */
export interface DeviceChoice {
  readonly device: LocalDevice;
  /** The weights' data type asked for; null leaves it to the model's `transformers.js_config`. */
  readonly dtype: string | null;
  /** A sentence a UI can show: "WebGPU adapter found (no shader-f16)", "no WebGPU adapter: WASM", ... */
  readonly reason: string;
  /** True when the adapter is a software one (SwiftShader): it works, but slowly. */
  readonly fallbackAdapter?: boolean | undefined;
}

/**
 * transformers.js settings (its `env`), applied where the model runs. Defaults are transformers.js's:
 * models from the Hugging Face hub, cached in the browser's Cache API.
 */
export interface LocalModelEnv {
  /** Serve models from your own server: a base URL such as `https://example.com/models/`. */
  readonly remoteHost?: string | undefined;
  /** Path under `remoteHost`; transformers.js's default is `{model}/resolve/{revision}/`. */
  readonly remotePathTemplate?: string | undefined;
  /** Whether models may be fetched from `remoteHost` (or the hub). */
  readonly allowRemoteModels?: boolean | undefined;
  /** Whether models may be read from `localModelPath`. */
  readonly allowLocalModels?: boolean | undefined;
  /** A folder (Node) or URL path (browser) with one subfolder per model. */
  readonly localModelPath?: string | undefined;
  /** Where onnxruntime-web's `.wasm`/`.mjs` files are served from (default: a public CDN). */
  readonly wasmPaths?: string | undefined;
  /** Keep downloaded files in the browser's Cache API (default true). */
  readonly useBrowserCache?: boolean | undefined;
  /** The Cache API cache's name. */
  readonly cacheKey?: string | undefined;
  /** Node: the folder downloaded models are kept in. */
  readonly cacheDir?: string | undefined;
}

/** Everything needed to load one model. */
export interface LoadRequest {
  readonly model: string;
  readonly task: LocalTask;
  readonly device: DevicePreference;
  readonly dtype?: string | undefined;
  /** Passed to transformers.js's `pipeline()` over ours (`revision`, `session_options`, ...). */
  readonly pipelineKwargs?: Readonly<Record<string, unknown>> | undefined;
  readonly env?: LocalModelEnv | undefined;
  /** Why WebGPU failed in an earlier Worker: load on WASM and say so. */
  readonly webgpuFailure?: string | undefined;
}

/** What a load reports when it is done. (Whether it came from the cache is asked before, with `isCached`, so progress can say so.) */
export interface LoadResult {
  readonly device: DeviceChoice;
}

/** A message in the shape chat templates expect (Hugging Face's). */
export interface TemplateMessage {
  role: string;
  content: string;
  tool_calls?: Array<{ type: 'function'; id?: string; function: { name: string; arguments: Record<string, unknown> } }>;
  tool_call_id?: string;
}

/** One generation. */
export interface GenerateRequest {
  /** A chat, rendered with the chat template; or a raw `prompt` (text generators). */
  readonly messages?: readonly TemplateMessage[] | undefined;
  readonly prompt?: string | undefined;
  /** Tools in OpenAI's function format, handed to the chat template. */
  readonly tools?: readonly Record<string, unknown>[] | undefined;
  readonly chatTemplate?: string | undefined;
  /** Extra variables for the chat template (`enable_thinking`, ...). */
  readonly templateKwargs?: Readonly<Record<string, unknown>> | undefined;
  /** transformers.js generation options; `max_new_tokens` is always set. */
  readonly generationKwargs: Readonly<Record<string, unknown>>;
  /** Generation stops at the first of these; the stop word itself is not emitted. */
  readonly stopWords: readonly string[];
}

/** Why generation ended. */
export type GenerationEnd = 'eos' | 'stop_word' | 'length' | 'interrupted';

/** What a generation reports when it is done. */
export interface GenerateResult {
  /** The whole text that was emitted. */
  readonly text: string;
  readonly end: GenerationEnd;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** From the start of `generate` to the first new token. */
  readonly timeToFirstTokenMs: number | null;
  readonly durationMs: number;
}

/** A serialisable error, rebuilt into a hayloft error on the other side. */
export interface EngineErrorData {
  /** `webgpu-failed`: WebGPU did not start; the runner retries on WASM in a fresh Worker. */
  readonly kind: 'model-load' | 'config' | 'webgpu-failed' | 'other';
  readonly message: string;
  readonly model?: string | undefined;
}

/** The work the generator hands to wherever transformers.js runs. */
export interface LocalEngine {
  load(request: LoadRequest, onProgress: (event: ModelProgressEvent) => void): Promise<LoadResult>;
  generate(load: LoadRequest, request: GenerateRequest, onText: (text: string) => void, signal?: AbortSignal): Promise<GenerateResult>;
  isCached(request: LoadRequest): Promise<boolean>;
  clearCache(request: LoadRequest): Promise<number>;
  /** Frees the model (and ends the Worker). */
  dispose(): void;
}

/** Messages to the Worker. */
export type WorkerRequest =
  | { readonly type: 'load'; readonly id: number; readonly load: LoadRequest }
  | { readonly type: 'generate'; readonly id: number; readonly load: LoadRequest; readonly request: GenerateRequest }
  | { readonly type: 'interrupt'; readonly id: number }
  | { readonly type: 'is-cached' | 'clear-cache'; readonly id: number; readonly load: LoadRequest };

/** Messages from the Worker. */
export type WorkerResponse =
  | { readonly type: 'progress'; readonly id: number; readonly event: ModelProgressEvent }
  | { readonly type: 'text'; readonly id: number; readonly text: string }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: EngineErrorData };
