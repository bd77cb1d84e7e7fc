// The parts of ChatPrimitive, re-exported as a namespace by the package entry
// (`export * as ChatPrimitive`), so an app bundles only the parts it uses.
export { Edit, Regenerate, Retry, Send, Stop } from './buttons.js';
export { Attach, Attachments, Composer, Input } from './composer.js';
export { Content } from './content.js';
export { BranchPicker, Copy } from './message-parts.js';
export { Message, Messages } from './messages.js';
export { Reasoning } from './reasoning.js';
export { Root } from './root.js';
export { Progress } from './progress.js';
export { ErrorMessage as Error, Usage } from './status-parts.js';
export { ThreadList } from './thread-list.js';
export { ToolCall } from './tool-call.js';
export { ScrollToLatest, Viewport } from './viewport.js';
