import { useChatController, type ChatSource } from './chat-provider.js';
import { emptyThread, type ChatState } from './chat-store.js';
import { threadUsage, type ThreadUsage } from './chat-usage.js';
import { threadKeys, useStoreSlice } from './use-store-slice.js';

const none = threadUsage(emptyThread('none'));
const selectUsage = (state: ChatState): ThreadUsage => {
  const thread = state.threads[state.activeThreadId];
  return thread ? threadUsage(thread) : none;
};

/**
 * Tokens over the active thread and the latest time to first token; re-renders when an answer
 * finishes, never per token.
 *
 * @example
 * const { totalTokens } = useChatUsage();
 */
export const useChatUsage = (chat?: ChatSource): ThreadUsage => useStoreSlice(useChatController(chat, 'useChatUsage').store, selectUsage, Object.is, threadKeys);
