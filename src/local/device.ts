import type { DeviceChoice, DevicePreference } from './protocol.js';

/** The part of a WebGPU adapter the choice reads. */
interface AdapterLike {
  readonly features: { has(name: string): boolean };
  readonly info?: { readonly isFallbackAdapter?: boolean } | undefined;
  readonly isFallbackAdapter?: boolean | undefined;
}

/** `navigator.gpu` as far as the choice needs it (absent in Node and in browsers without WebGPU). */
export interface GpuLike {
  requestAdapter(): Promise<AdapterLike | null>;
}

const f16Dtypes: Readonly<Record<string, string>> = { fp16: 'fp32', q4f16: 'q4' };

/** The runtime's WebGPU entry point (`navigator.gpu`), if it has one. */
export const currentGpu = (): GpuLike | undefined => (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;

/**
 * True in Node (onnxruntime-node), where there is no WebGPU/WASM choice to make; as transformers.js
 * decides it, so a test setup with a DOM (jsdom, happy-dom) or Electron still counts as Node.
 */
export const isNode = (): boolean => (globalThis as { process?: { release?: { name?: string } } }).process?.release?.name === 'node';

// WASM has no fast f16 kernels: f16 weights become their f32 (or 4-bit f32-scale) counterparts.
const onWasm = (dtype: string | undefined, reason: string): DeviceChoice => {
  const replacement = dtype === undefined ? undefined : f16Dtypes[dtype];
  return replacement === undefined
    ? { device: 'wasm', dtype: dtype ?? null, reason }
    : { device: 'wasm', dtype: replacement, reason: `${reason} ${replacement} weights instead of ${dtype}.` };
};

/**
 * Picks the backend. WebGPU only when `requestAdapter()` returns an adapter (the `gpu` object
 * exists even when none is available); f16 weights only when the adapter has `shader-f16`.
 */
export const chooseDevice = async (
  preference: DevicePreference,
  dtype: string | undefined,
  gpu: GpuLike | undefined,
  runtime: 'node' | 'browser' = isNode() ? 'node' : 'browser',
): Promise<DeviceChoice> => {
  if (runtime === 'node') return { device: 'cpu', dtype: dtype ?? null, reason: 'Node: onnxruntime-node on the CPU.' };
  if (preference === 'wasm') return onWasm(dtype, 'WASM was asked for.');
  let adapter: AdapterLike | null = null;
  let failure: string | undefined;
  try {
    adapter = gpu === undefined ? null : await gpu.requestAdapter();
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (adapter === null) {
    const why = gpu === undefined ? 'this browser has no WebGPU' : failure === undefined ? 'no WebGPU adapter' : `WebGPU failed: ${failure}`;
    return onWasm(dtype, `${preference === 'webgpu' ? 'WebGPU was asked for, but ' : ''}${why}: running on WASM.`);
  }
  const fallbackAdapter = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
  const software = fallbackAdapter ? ' (a software adapter: slow)' : '';
  if (adapter.features.has('shader-f16')) {
    return { device: 'webgpu', dtype: dtype ?? null, reason: `WebGPU adapter with shader-f16${software}.`, fallbackAdapter };
  }
  const replacement = dtype === undefined ? undefined : f16Dtypes[dtype];
  if (replacement !== undefined) {
    return {
      device: 'webgpu',
      dtype: replacement,
      reason: `WebGPU adapter without shader-f16${software}: ${replacement} weights instead of ${dtype}.`,
      fallbackAdapter,
    };
  }
  return { device: 'webgpu', dtype: dtype ?? null, reason: `WebGPU adapter without shader-f16${software}.`, fallbackAdapter };
};

/** The choice after WebGPU failed to start: WASM, with the reason. */
export const wasmAfterWebGpuFailed = (choice: DeviceChoice, error: unknown): DeviceChoice => {
  const message = error instanceof Error ? error.message : String(error);
  const dtype = choice.dtype === null ? null : (f16Dtypes[choice.dtype] ?? choice.dtype);
  return { device: 'wasm', dtype, reason: `WebGPU failed to start (${message}): running on WASM.` };
};
