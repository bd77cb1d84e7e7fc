import type { ChatMessage } from '../core/index.js';
import { useChatController, type ChatSource } from './chat-provider.js';
import { activeMessages, type ChatState } from './chat-store.js';
import { threadKeys, useStoreSlice } from './use-store-slice.js';

const selectMessages = (state: ChatState): readonly ChatMessage[] => {
  const thread = state.threads[state.activeThreadId];
  return thread ? activeMessages(thread) : [];
};

/**
 * The finished messages of the active branch. Re-renders when one is added or the branch changes,
 * never per streamed token; each message keeps its identity, so memoised rows stay put.
 *
 * @example
 * const messages = useChatMessages();
 * return messages.map((message, index) => <Row key={index} message={message} />);
 */
export const useChatMessages = (chat?: ChatSource): readonly ChatMessage[] =>
  useStoreSlice(useChatController(chat, 'useChatMessages').store, selectMessages, Object.is, threadKeys);
