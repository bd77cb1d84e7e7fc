import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { ChatState, ChatStore } from './chat-store.js';

/** The top-level keys of the chat state a selector reads. */
export type ChatStateKeys = readonly (keyof ChatState)[];

/** Keys of the selectors that read the active thread. */
export const threadKeys: ChatStateKeys = ['threads', 'activeThreadId'];

/**
 * Subscribes to one slice of a chat store. Unlike zustand's `useStore`, a server render reads the
 * current state, not the state the store was created with, so initial messages render on the server.
 *
 * With `keys` (the state keys `select` reads; pass a constant), a store update that changes none of
 * them is dropped before React hears of it: the draft is written once per frame, and without keys
 * every row of a long thread (its branch picker, its edit button) would run its selector each time.
 */
export const useStoreSlice = <T>(
  store: ChatStore,
  select: (state: ChatState) => T,
  equal: (a: T, b: T) => boolean = Object.is,
  keys?: ChatStateKeys,
): T => {
  const last = useRef<{ value: T } | null>(null);
  // Stable while its inputs are: React queues an effect after every render whose getSnapshot changed.
  const getSnapshot = useCallback((): T => {
    const next = select(store.getState());
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  }, [store, select, equal]);
  const subscribe = useCallback(
    (notify: () => void) =>
      store.subscribe(
        keys
          ? (state, previous) => {
              for (const key of keys) {
                if (state[key] !== previous[key]) {
                  notify();
                  return;
                }
              }
            }
          : notify,
      ),
    [store, keys],
  );
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
};

/** True when two objects have the same keys with identical values. */
export const shallowEqual = <T extends object>(a: T, b: T): boolean => {
  const keys = Object.keys(a) as Array<keyof T>;
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
};
