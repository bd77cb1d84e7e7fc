import { useChatController, type ChatSource } from './chat-provider.js';
import type { ChatState } from './chat-store.js';
import { useStoreSlice } from './use-store-slice.js';

/**
 * Selects one value from the chat's state and re-renders only when it changes (`Object.is`). For
 * custom parts; the selector runs on every store update, so keep it cheap and return stable values.
 *
 * @example
 * const busy = useChatSelector((state) => state.status === 'streaming');
 */
export const useChatSelector = <T>(selector: (state: ChatState) => T, chat?: ChatSource): T =>
  useStoreSlice(useChatController(chat, 'useChatSelector').store, selector);
