import { useMemo } from 'react';
import { useChatController, type ChatSource } from './chat-provider.js';
import type { ChatState, ChatThread } from './chat-store.js';
import { useStoreSlice, type ChatStateKeys } from './use-store-slice.js';

/** One entry of the thread list. */
export interface ThreadSummary {
  readonly id: string;
  readonly title: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** How many messages the thread holds, over all branches. */
  readonly messageCount: number;
}

/** What {@link useThreads} returns. */
export interface ThreadList {
  /** Most recently updated first. */
  readonly threads: readonly ThreadSummary[];
  readonly activeThreadId: string;
  /** Makes a thread, shows it, and returns its id. */
  readonly create: (title?: string) => string;
  readonly rename: (threadId: string, title: string) => void;
  /** Deletes a thread (and its stored copy). */
  readonly remove: (threadId: string) => void;
  /** Shows a thread; a reply in flight is stopped and kept. */
  readonly switchTo: (threadId: string) => void;
}

const threadsKeys: ChatStateKeys = ['threads'];
const activeKeys: ChatStateKeys = ['activeThreadId'];
const summaries = new WeakMap<ChatState['threads'], readonly ThreadSummary[]>();

const summarize = (threads: ChatState['threads']): readonly ThreadSummary[] => {
  let list = summaries.get(threads);
  if (!list) {
    list = Object.values(threads)
      .map(({ id, title, createdAt, updatedAt, nodes }: ChatThread) => ({ id, title, createdAt, updatedAt, messageCount: Object.keys(nodes).length }))
      .sort((a, b) => b.updatedAt - a.updatedAt);
    summaries.set(threads, list);
  }
  return list;
};

const selectSummaries = (state: ChatState) => summarize(state.threads);
const selectActive = (state: ChatState) => state.activeThreadId;

/**
 * The thread list of a chat (create, rename, delete, switch), for a sidebar. Re-renders when a
 * thread is added, renamed or gets a message, never per token.
 *
 * @example
 * const { threads, activeThreadId, switchTo, create } = useThreads();
 */
export const useThreads = (chat?: ChatSource): ThreadList => {
  const controller = useChatController(chat, 'useThreads');
  const threads = useStoreSlice(controller.store, selectSummaries, Object.is, threadsKeys);
  const activeThreadId = useStoreSlice(controller.store, selectActive, Object.is, activeKeys);
  return useMemo(
    () => ({
      threads,
      activeThreadId,
      create: (title?: string) => controller.createThread(title),
      rename: (threadId: string, title: string) => controller.renameThread(threadId, title),
      remove: (threadId: string) => controller.deleteThread(threadId),
      switchTo: (threadId: string) => controller.switchThread(threadId),
    }),
    [controller, threads, activeThreadId],
  );
};
