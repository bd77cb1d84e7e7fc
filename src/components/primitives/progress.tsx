import type { HTMLAttributes, ReactNode } from 'react';
import type { LoadableModel } from '../../core/index.js';
// From its module, not the barrel: this file is loaded lazily by <Chat>, with TanStack Query.
import { useLocalModel } from '../../react/use-local-model.js';
import { useLabels } from '../labels.js';

/** Props of `ChatPrimitive.Progress`. */
export interface ProgressProps extends HTMLAttributes<HTMLDivElement> {
  /** The local model to load (a generator from `hayloft/local`). */
  model: LoadableModel;
}

const deviceNames: Readonly<Record<string, string>> = { webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU' };

/**
 * Loads a local model and shows its progress (`data-state`: `loading`, `ready`, `error`), with the
 * device it runs on once ready. Needs a `HayloftProvider` (the `<Chat>` component adds one).
 */
export function Progress({ model, ...props }: ProgressProps): ReactNode {
  const labels = useLabels();
  const { status, progress, error, retry } = useLocalModel(model);
  const device = status === 'ready' ? model.device : undefined;
  return (
    <div data-state={status} data-device={device?.device} {...props}>
      {status === 'loading' && (
        <>
          <span>{labels.loadingModel(model.model)}</span>
          <progress max={100} value={progress ? Math.round(progress.percent) : undefined} aria-label={labels.loadingModel(model.model)} />
        </>
      )}
      {device && <span title={device.reason}>{labels.modelDevice(deviceNames[device.device] ?? device.device)}</span>}
      {status === 'error' && (
        <span role="alert">
          {error?.message}{' '}
          <button type="button" onClick={retry}>
            {labels.retry}
          </button>
        </span>
      )}
    </div>
  );
}

