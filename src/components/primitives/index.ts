import { Edit, Regenerate, Retry, Send, Stop } from './buttons.js';
import { Attach, Attachments, Composer, Input } from './composer.js';
import { Content } from './content.js';
import { BranchPicker, Copy } from './message-parts.js';
import { Message, Messages } from './messages.js';
import { Reasoning } from './reasoning.js';
import { Root } from './root.js';
import { ErrorMessage, Progress, Usage } from './status-parts.js';
import { ThreadList } from './thread-list.js';
import { ToolCall } from './tool-call.js';
import { ScrollToLatest, Viewport } from './viewport.js';

/**
 * The headless parts of a chat UI: unstyled, state in `data-*` attributes, the user's handlers first.
 *
 * @example
 * <ChatPrimitive.Root chat={chat}>
 *   <ChatPrimitive.Viewport><ChatPrimitive.Messages /></ChatPrimitive.Viewport>
 *   <ChatPrimitive.Composer><ChatPrimitive.Input /><ChatPrimitive.Send /></ChatPrimitive.Composer>
 * </ChatPrimitive.Root>
 */
export const ChatPrimitive = {
  Root,
  Viewport,
  ScrollToLatest,
  Messages,
  Message,
  Content,
  Composer,
  Input,
  Send,
  Stop,
  Attach,
  Attachments,
  Regenerate,
  Retry,
  Edit,
  Copy,
  BranchPicker,
  ToolCall,
  Reasoning,
  Progress,
  Usage,
  Error: ErrorMessage,
  ThreadList,
} as const;
