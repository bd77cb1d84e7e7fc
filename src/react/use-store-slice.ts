import { useRef, useSyncExternalStore } from 'react';
import type { ChatState, ChatStore } from './chat-store.js';

/**
 * Subscribes to one slice of a chat store. Unlike zustand's `useStore`, a server render reads the
 * current state, not the state the store was created with, so initial messages render on the server.
 */
export const useStoreSlice = <T>(store: ChatStore, select: (state: ChatState) => T, equal: (a: T, b: T) => boolean = Object.is): T => {
  const last = useRef<{ value: T } | null>(null);
  const getSnapshot = (): T => {
    const next = select(store.getState());
    if (last.current && equal(last.current.value, next)) return last.current.value;
    last.current = { value: next };
    return next;
  };
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
};

/** True when two objects have the same keys with identical values. */
export const shallowEqual = <T extends object>(a: T, b: T): boolean => {
  const keys = Object.keys(a) as Array<keyof T>;
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
};
