/**
 * One progress event of a model load, as transformers.js reports it (passed through unchanged):
 * `initiate` → `download` → `progress` (bytes of one file) → `done` per file, then `ready`.
 */
export type ModelProgressEvent =
  | { readonly status: 'initiate' | 'download' | 'done'; readonly name: string; readonly file: string }
  | {
      readonly status: 'progress';
      readonly name: string;
      readonly file: string;
      readonly progress: number;
      readonly loaded: number;
      readonly total: number;
    }
  | {
      readonly status: 'progress_total';
      readonly name: string;
      readonly progress: number;
      readonly loaded: number;
      readonly total: number;
      /** Bytes per file, every file of the model listed from the first event. */
      readonly files?: Readonly<Record<string, { readonly loaded: number; readonly total: number }>>;
    }
  | { readonly status: 'ready'; readonly task: string; readonly model: string };

/** Bytes loaded over every file of a model; never goes backwards, and ends at 100. */
export interface ModelLoadProgress {
  readonly loaded: number;
  readonly total: number;
  /** 0 to 100. */
  readonly percent: number;
  /** Bytes per file. */
  readonly files: Readonly<Record<string, { readonly loaded: number; readonly total: number }>>;
  /** True when every file came from the cache. */
  readonly cached: boolean;
}

/** Options of a generator's `warmUp` where loading takes time (local models). */
export interface WarmUpOptions {
  /** Each event, with the aggregate after it. */
  onProgress?: (event: ModelProgressEvent, progress: ModelLoadProgress) => void;
  /** Cancels the load. */
  signal?: AbortSignal;
}

/** What a loaded model runs on (`webgpu`, `wasm`, `cpu`) and why, for a UI to show. */
export interface ModelDevice {
  readonly device: string;
  /** A sentence such as "WebGPU adapter without shader-f16." or "no WebGPU adapter: running on WASM." */
  readonly reason: string;
}

/** A generator whose model must be loaded before it answers: what `useLocalModel` warms up. */
export interface LoadableModel {
  /** Marks a generator whose model is downloaded and loaded before it answers (what `hayloft/local` makes). */
  readonly loadsModel: true;
  /** The model id, e.g. `onnx-community/Qwen2.5-0.5B-Instruct`; one load per id per app. */
  readonly model: string;
  /** Loads the model, reporting progress. */
  warmUp(options?: WarmUpOptions): Promise<void>;
  /** What the model runs on, once loaded. */
  readonly device?: ModelDevice | undefined;
}

/** True for a generator whose model must be loaded first (a local model), so a UI shows its progress. */
export const isLoadableModel = (value: unknown): value is LoadableModel =>
  typeof value === 'object' && value !== null && (value as { loadsModel?: unknown }).loadsModel === true && typeof (value as { warmUp?: unknown }).warmUp === 'function';
