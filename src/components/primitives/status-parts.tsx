import type { HTMLAttributes, ReactNode } from 'react';
import type { LoadableModel } from '../../core/index.js';
import { useChatStatus, useChatUsage, useLocalModel } from '../../react/index.js';
import { useLabels } from '../labels.js';
import { useRetryAction } from './actions.js';
import { useRoot } from './contexts.js';

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

/** Tokens used in the thread (all answers, all branches). */
export function Usage(props: HTMLAttributes<HTMLSpanElement>): ReactNode {
  const { controller } = useRoot('Usage');
  const labels = useLabels();
  const usage = useChatUsage(controller);
  if (usage.totalTokens === 0) return null;
  return (
    <span data-prompt-tokens={usage.promptTokens} data-completion-tokens={usage.completionTokens} {...props}>
      {labels.usage(usage.totalTokens)}
    </span>
  );
}

/** The last error with a Retry button; the partial answer stays in the conversation above it. */
export function ErrorMessage({ children, ...props }: HTMLAttributes<HTMLDivElement>): ReactNode {
  const { controller } = useRoot('Error');
  const labels = useLabels();
  const { status, error } = useChatStatus(controller);
  const retry = useRetryAction();
  if (status !== 'error' || !error) return null;
  return (
    <div role="alert" {...props}>
      <span>{children ?? error.message}</span>
      <button type="button" onClick={() => retry?.()}>
        {labels.retry}
      </button>
    </div>
  );
}
