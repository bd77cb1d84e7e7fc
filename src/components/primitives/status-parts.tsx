import type { HTMLAttributes, ReactNode } from 'react';
import { useChatStatus, useChatUsage } from '../../react/index.js';
import { useLabels } from '../labels.js';
import { useRetryAction } from './actions.js';
import { useRoot } from './contexts.js';

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
