import type { HTMLAttributes, ReactNode } from 'react';
import type { LoadableModel } from '../../core/index.js';
// From its module, not the barrel: this file is loaded lazily by <Chat>, with TanStack Query.
import { useLocalModel } from '../../react/use-local-model.js';
import { useLabels } from '../labels.js';

/** Props of `ChatPrimitive.Progress`. */
export interface ProgressProps extends HTMLAttributes<HTMLDivElement> {
  /** The local model to load (a generator from `hayloft/local`). */
  model: LoadableModel & { readonly device?: unknown };
}

/**
 * Loads a local model and shows its progress (`data-state`: `loading`, `ready`, `error`), with the
 * device it runs on once ready. Needs a `HayloftProvider` (the `<Chat>` component adds one).
 */
export function Progress({ model, ...props }: ProgressProps): ReactNode {
  const labels = useLabels();
  const { status, progress, error, retry } = useLocalModel(model);
  const device = typeof model.device === 'string' ? model.device : typeof (model.device as { name?: unknown } | undefined)?.name === 'string' ? (model.device as { name: string }).name : null;
  return (
    <div data-state={status} {...props}>
      {status === 'loading' && (
        <>
          <span>{labels.loadingModel(model.model)}</span>
          <progress max={100} value={progress ? Math.round(progress.percent) : undefined} aria-label={labels.loadingModel(model.model)} />
        </>
      )}
      {status === 'ready' && device && <span>{labels.modelDevice(device)}</span>}
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

