import type { ButtonHTMLAttributes, HTMLAttributes, ReactNode } from 'react';
import { useMessageBranch } from '../../react/index.js';
import { useLabels } from '../labels.js';
import { useCopyAction } from './actions.js';
import { useMessageContext, useRoot } from './contexts.js';
import { showsText } from './create-action-button.js';
import { composeEventHandlers } from './slot.js';

/** Copies the message's text; `data-state="copied"` for two seconds after. */
export function Copy({ onClick, children, ...props }: ButtonHTMLAttributes<HTMLButtonElement>): ReactNode {
  const labels = useLabels();
  const { action, copied } = useCopyAction();
  return (
    <button
      type="button"
      // "Copy" / "Copied" as shown is the name; a custom child (an icon) gets "Copy".
      aria-label={showsText(children) ? undefined : labels.copy}
      {...props}
      disabled={action === null}
      data-state={copied ? 'copied' : 'idle'}
      onClick={composeEventHandlers(onClick, () => action?.())}
    >
      {children ?? (copied ? labels.copied : labels.copy)}
    </button>
  );
}

/**
 * "‹ 2 / 3 ›" for a message with other versions (edits, regenerations); renders nothing when it has
 * none. Switching while a reply streams stops it.
 */
export function BranchPicker(props: HTMLAttributes<HTMLDivElement>): ReactNode {
  const { controller } = useRoot('BranchPicker');
  const { message, streaming } = useMessageContext('BranchPicker');
  const labels = useLabels();
  const { index, count, switchTo } = useMessageBranch(message, controller);
  if (streaming || count <= 1) return null;
  return (
    <div role="group" aria-label={labels.branchCount(index, count)} {...props}>
      <button type="button" aria-label={labels.previousBranch} disabled={index === 0} onClick={() => switchTo(index - 1)}>
        ‹
      </button>
      <span aria-hidden="true">{labels.branchCount(index, count)}</span>
      <button type="button" aria-label={labels.nextBranch} disabled={index === count - 1} onClick={() => switchTo(index + 1)}>
        ›
      </button>
    </div>
  );
}
