import { useCallback } from 'react';
import { useChatController, type ChatSource } from './chat-provider.js';
import type { MessageRef } from './chat-controller.js';
import { useStoreSlice } from './use-store-slice.js';

/** What {@link useMessageBranch} returns. */
export interface MessageBranch {
  /** This message's position among its siblings, from 0. */
  readonly index: number;
  /** How many siblings (edits, regenerations) there are, itself included. */
  readonly count: number;
  /** Shows the sibling at `index`. */
  readonly switchTo: (index: number) => void;
}

/**
 * Branch controls for one message ("2 / 3" with previous and next). Re-renders only when this
 * message's siblings change.
 *
 * @example
 * const { index, count, switchTo } = useMessageBranch(message);
 * return count > 1 ? <button onClick={() => switchTo(index + 1)}>Next</button> : null;
 */
export const useMessageBranch = (message: MessageRef, chat?: ChatSource): MessageBranch => {
  const controller = useChatController(chat, 'useMessageBranch');
  const index = useStoreSlice(controller.store, () => controller.branchOf(message).index);
  const count = useStoreSlice(controller.store, () => controller.branchOf(message).count);
  const switchTo = useCallback((next: number) => controller.switchBranch(message, next), [controller, message]);
  return { index, count, switchTo };
};
