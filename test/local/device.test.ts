import { describe, expect, it } from 'vitest';
import { chooseDevice, type GpuLike } from '../../src/local/index.js';

/** navigator.gpu as a browser offers it: an adapter with the given features, or none. */
const gpu = (features: string[] | null, isFallbackAdapter = false): GpuLike => ({
  requestAdapter: () => Promise.resolve(features === null ? null : { features: new Set(features), info: { isFallbackAdapter } }),
});

describe('chooseDevice', () => {
  it('should run on the CPU in Node whatever was asked', async () => {
    expect(await chooseDevice('webgpu', 'q4f16', gpu(['shader-f16']), 'node')).toMatchObject({ device: 'cpu', dtype: 'q4f16' });
  });

  it('should pick WebGPU with f16 weights when the adapter has shader-f16', async () => {
    expect(await chooseDevice('auto', 'q4f16', gpu(['shader-f16']), 'browser')).toEqual({
      device: 'webgpu',
      dtype: 'q4f16',
      reason: 'WebGPU adapter with shader-f16.',
      fallbackAdapter: false,
    });
  });

  it('should swap f16 weights for their f32 counterparts on an adapter without shader-f16, and say so', async () => {
    const choice = await chooseDevice('auto', 'q4f16', gpu([], true), 'browser');
    expect(choice).toMatchObject({ device: 'webgpu', dtype: 'q4', fallbackAdapter: true });
    expect(choice.reason).toBe('WebGPU adapter without shader-f16 (a software adapter: slow): q4 weights instead of q4f16.');
    expect(await chooseDevice('auto', 'fp16', gpu([]), 'browser')).toMatchObject({ dtype: 'fp32' });
    expect(await chooseDevice('auto', 'q8', gpu([]), 'browser')).toMatchObject({ device: 'webgpu', dtype: 'q8' });
  });

  it('should fall back to WASM when there is no adapter, no WebGPU, or requestAdapter throws', async () => {
    expect(await chooseDevice('auto', undefined, gpu(null), 'browser')).toEqual({ device: 'wasm', dtype: null, reason: 'no WebGPU adapter: running on WASM.' });
    expect((await chooseDevice('webgpu', undefined, undefined, 'browser')).reason).toBe('WebGPU was asked for, but this browser has no WebGPU: running on WASM.');
    const broken: GpuLike = { requestAdapter: () => Promise.reject(new Error('GPU process crashed')) };
    expect((await chooseDevice('auto', undefined, broken, 'browser')).reason).toBe('WebGPU failed: GPU process crashed: running on WASM.');
  });

  it('should use WASM when asked, with f32 counterparts of f16 weights', async () => {
    expect(await chooseDevice('wasm', 'q4f16', gpu(['shader-f16']), 'browser')).toEqual({
      device: 'wasm',
      dtype: 'q4',
      reason: 'WASM was asked for. q4 weights instead of q4f16.',
    });
    expect(await chooseDevice('wasm', 'q8', gpu(['shader-f16']), 'browser')).toMatchObject({ device: 'wasm', dtype: 'q8' });
  });
});
