import { useCallback, useMemo } from 'react';
import { useChatController, type ChatSource } from './chat-provider.js';
import type { MessageRef } from './chat-controller.js';
import { branchInfo, type ChatState } from './chat-store.js';
import { threadKeys, useStoreSlice } from './use-store-slice.js';

// A string, so a new thread version with the same branches compares equal and the row stays put.
const branchKey = (state: ChatState, message: MessageRef): string => {
  const thread = state.threads[state.activeThreadId];
  const { index, count } = thread ? branchInfo(thread, message) : { index: 0, count: 1 };
  return `${index}/${count}`;
};

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
  // One subscription per row selecting a string: a finished row re-renders only when its own
  // branches change, the lookup is cached per thread version, and a draft write (once per frame while
  // streaming) does not even run the selector, since it changes no thread.
  const select = useCallback((state: ChatState) => branchKey(state, message), [message]);
  const branch = useStoreSlice(controller.store, select, Object.is, threadKeys);
  const [index, count] = useMemo(() => branch.split('/').map(Number) as [number, number], [branch]);
  const switchTo = useCallback((next: number) => controller.switchBranch(message, next), [controller, message]);
  return { index, count, switchTo };
};
