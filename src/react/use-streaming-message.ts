import type { ChatMessage } from '../core/index.js';
import { useChatController, type ChatSource } from './chat-provider.js';
import type { ChatState } from './chat-store.js';
import { useStoreSlice, type ChatStateKeys } from './use-store-slice.js';

const selectDraft = (state: ChatState): ChatMessage | null => state.draft;
const draftKeys: ChatStateKeys = ['draft'];

/**
 * The assistant message being streamed, or null. Updates at most once per animation frame (at the end
 * of a network read where a fast stream holds frames back): put it in the one component that shows
 * the answer being written.
 *
 * @example
 * const draft = useStreamingMessage();
 * return draft ? <p aria-busy="true">{draft.text}</p> : null;
 */
export const useStreamingMessage = (chat?: ChatSource): ChatMessage | null =>
  useStoreSlice(useChatController(chat, 'useStreamingMessage').store, selectDraft, Object.is, draftKeys);
