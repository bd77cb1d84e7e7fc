/**
 * `hayloft/components`: headless chat primitives (`ChatPrimitive.*`), their behaviour hooks, a safe
 * incremental markdown renderer, and the drop-in `<Chat>` (style it with `hayloft/styles.css`).
 * @packageDocumentation
 */
export { Chat } from './chat.js';
export type { ChatComponents, ChatProps } from './chat.js';
/**
 * The headless parts of a chat UI (`ChatPrimitive.Root`, `.Messages`, `.Input`, `.Send`, ...):
 * unstyled, state in `data-*` attributes, the user's handlers first. An app bundles only the parts it uses.
 *
 * @example
 * <ChatPrimitive.Root chat={chat}>
 *   <ChatPrimitive.Viewport><ChatPrimitive.Messages /></ChatPrimitive.Viewport>
 *   <ChatPrimitive.Composer><ChatPrimitive.Input /><ChatPrimitive.Send /></ChatPrimitive.Composer>
 * </ChatPrimitive.Root>
 */
export * as ChatPrimitive from './primitives/index.js';
export { createActionButton } from './primitives/create-action-button.js';
export type { ActionButtonProps } from './primitives/create-action-button.js';
export {
  useCopyAction,
  useEditAction,
  useRegenerateAction,
  useRetryAction,
  useSendAction,
  useStopAction,
  useToolCallDecision,
} from './primitives/actions.js';
export type { Action } from './primitives/actions.js';
export { useToolCallState } from './primitives/tool-call.js';
export type { ToolCallState } from './primitives/tool-call.js';
export type { ContentComponents, ContentProps } from './primitives/content.js';
export type { MessageStatus, RenderMessage } from './primitives/messages.js';
export { Markdown } from './markdown/markdown.js';
export type { MarkdownProps } from './markdown/markdown.js';
export { defaultLabels, LabelsProvider, useLabels } from './labels.js';
export type { ChatLabels } from './labels.js';
