import type { HayloftError, ToolCall } from '../core/index.js';
import { useChatController, type ChatSource } from './chat-provider.js';
import type { ChatState, ChatStatus } from './chat-store.js';
import { shallowEqual, useStoreSlice, type ChatStateKeys } from './use-store-slice.js';

/** What {@link useChatStatus} returns. */
export interface ChatStatusSlice {
  readonly status: ChatStatus;
  readonly error: HayloftError | null;
  /** Tool calls waiting for approval or for `addToolResult`. */
  readonly pendingToolCalls: readonly ToolCall[];
  /** False while persisted threads load. */
  readonly hydrated: boolean;
}

const selectStatus = (state: ChatState): ChatStatusSlice => ({
  status: state.status,
  error: state.error,
  pendingToolCalls: state.pendingToolCalls,
  hydrated: state.hydrated,
});
const statusKeys: ChatStateKeys = ['status', 'error', 'pendingToolCalls', 'hydrated'];

/**
 * The chat's status, error and held tool calls; re-renders only when one of them changes (a status
 * change, not a token).
 *
 * @example
 * const { status } = useChatStatus();
 * return <button disabled={status !== 'streaming'}>Stop</button>;
 */
export const useChatStatus = (chat?: ChatSource): ChatStatusSlice =>
  useStoreSlice(useChatController(chat, 'useChatStatus').store, selectStatus, shallowEqual, statusKeys);
