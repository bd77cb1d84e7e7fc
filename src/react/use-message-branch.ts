import { useCallback, useMemo } from 'react';
import { useChatController, type ChatSource } from './chat-provider.js';
import type { MessageRef } from './chat-controller.js';
import { findNode, siblingsOf, type ChatThread } from './chat-store.js';

const cache = new WeakMap<ChatThread, Map<MessageRef, string>>();

/** `index/count` of a message among its siblings, cached per thread version. */
const branchOf = (thread: ChatThread | undefined, message: MessageRef): string => {
  if (!thread) return '0/1';
  let known = cache.get(thread);
  if (!known) cache.set(thread, (known = new Map<MessageRef, string>()));
  let branch = known.get(message);
  if (branch === undefined) {
    const node = findNode(thread, message);
    const siblings = node ? siblingsOf(thread, node.id) : [];
    branch = node ? `${siblings.indexOf(node.id)}/${siblings.length}` : '0/1';
    known.set(message, branch);
  }
  return branch;
};
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
  // One subscription per row selecting a string: a finished row re-renders only when its own
  // branches change, and the lookup is cached per thread version (which streaming does not change).
  const branch = useStoreSlice(controller.store, (state) => branchOf(state.threads[state.activeThreadId], message));
  const [index, count] = useMemo(() => branch.split('/').map(Number) as [number, number], [branch]);
  const switchTo = useCallback((next: number) => controller.switchBranch(message, next), [controller, message]);
  return { index, count, switchTo };
};
