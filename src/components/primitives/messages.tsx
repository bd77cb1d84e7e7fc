import { memo, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import type { ChatMessage } from '../../core/index.js';
import { useChatMessages, useChatStatus, useStreamingMessage } from '../../react/index.js';
import { useLabels } from '../labels.js';
import { Content } from './content.js';
import { MessageContext, useMessageContext, useRoot } from './contexts.js';
import { Slot } from './slot.js';

/** How `ChatPrimitive.Messages` renders one message. */
export type RenderMessage = (message: ChatMessage, info: { streaming: boolean; index: number }) => ReactNode;

/** Users and assistants as `<Message><Content /></Message>`; tool and system messages are shown inside the tool calls. */
const defaultRender: RenderMessage = (message) =>
  message.role === 'user' || message.role === 'assistant' ? (
    <Message>
      <Content />
    </Message>
  ) : null;

interface RowProps {
  message: ChatMessage;
  streaming: boolean;
  index: number;
  render: RenderMessage;
}

// A finished message keeps its identity, so its row never renders again while others stream.
const Row = memo(
  function Row({ message, streaming, index, render }: RowProps): ReactNode {
    return <MessageContext.Provider value={{ message, streaming }}>{render(message, { streaming, index })}</MessageContext.Provider>;
  },
  (before, after) => before.message === after.message && before.streaming === after.streaming && before.index === after.index,
);

/** Props of `ChatPrimitive.Messages`. */
export interface MessagesProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Renders one message (finished ones are rendered once); default: `<Message><Content /></Message>`. */
  children?: RenderMessage;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The conversation as a `role="log"` region: screen readers hear each finished answer once, not
 * every token (the region is `aria-busy` while an answer streams).
 */
export function Messages({ children = defaultRender, ...props }: MessagesProps): ReactNode {
  const { controller } = useRoot('Messages');
  const labels = useLabels();
  const messages = useChatMessages(controller);
  const draft = useStreamingMessage(controller);
  const { status } = useChatStatus(controller);
  const busy = status === 'submitted' || status === 'streaming';
  return (
    <div role="log" aria-live="polite" aria-relevant="additions" aria-label={labels.messages} aria-busy={busy} {...props}>
      {/* The draft is the last row of the same list, so when it finishes it keeps its row (and its
          parsed markdown) instead of being mounted again as a new one. */}
      {(draft ? [...messages, draft] : messages).map((message, index) => (
        <Row key={index} message={message} streaming={message === draft} index={index} render={children} />
      ))}
    </div>
  );
}

/** The state of a message, as `data-status`. */
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'error';

const statusOf = (message: ChatMessage, streaming: boolean): MessageStatus => {
  if (streaming) return 'streaming';
  if (message.meta.stopped === true) return 'stopped';
  if (message.meta.error !== undefined && message.meta.error !== null) return 'error';
  return 'complete';
};

/** Props of `ChatPrimitive.Message`. */
export interface MessageProps extends HTMLAttributes<HTMLDivElement> {
  asChild?: boolean;
  ref?: Ref<HTMLDivElement>;
}

/** One message: `data-role` (`user`, `assistant`, ...) and `data-status` (`complete`, `streaming`, `stopped`, `error`). */
export function Message({ asChild, ...props }: MessageProps): ReactNode {
  const { message, streaming } = useMessageContext('Message');
  const Component = asChild ? Slot : 'div';
  return <Component data-role={message.role} data-status={statusOf(message, streaming)} aria-busy={streaming || undefined} {...props} />;
}
