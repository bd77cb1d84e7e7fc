import { memo, useRef, type HTMLAttributes, type ReactNode, type Ref } from 'react';
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

// Rows per group: a frame of a streaming answer in a long thread re-renders the draft's group and
// skips every other group whole, instead of comparing all rows again (a thread of 200 messages: 7
// groups, not 200 rows, at every frame and every status change).
const groupSize = 32;

interface RowGroupProps {
  /** The messages of this group; the same array while none of them changes. */
  messages: readonly ChatMessage[];
  /** The index of the first one in the thread. */
  first: number;
  /** Which one is the draft being streamed, or -1. */
  streamingOffset: number;
  render: RenderMessage;
}

// No element of its own, so rows stay direct children of the log; a message keeps its place (group
// index / 32, slot index % 32), so the draft that finishes keeps its row, as in a flat list. Like
// Row, it ignores a new render function: finished messages are rendered once.
const RowGroup = memo(
  function RowGroup({ messages, first, streamingOffset, render }: RowGroupProps): ReactNode {
    return messages.map((message, offset) => <Row key={offset} message={message} streaming={offset === streamingOffset} index={first + offset} render={render} />);
  },
  (before, after) => before.messages === after.messages && before.first === after.first && before.streamingOffset === after.streamingOffset,
);

/** Splits rows into groups, reusing last render's array for a group whose messages are all the same. */
const useGroups = (rows: readonly ChatMessage[]): (readonly ChatMessage[])[] => {
  const previous = useRef<(readonly ChatMessage[])[]>([]);
  const groups: (readonly ChatMessage[])[] = [];
  for (let start = 0; start < rows.length; start += groupSize) {
    const end = Math.min(rows.length, start + groupSize);
    const before = previous.current[groups.length];
    let same = before?.length === end - start;
    for (let at = start; same && at < end; at += 1) same = before?.[at - start] === rows[at];
    groups.push(same && before ? before : rows.slice(start, end));
  }
  previous.current = groups;
  return groups;
};

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
  const groups = useGroups(draft ? [...messages, draft] : messages);
  // -1 in every group but the draft's, so the others compare equal from frame to frame.
  const draftOffset = (group: readonly ChatMessage[]) => (draft && group.at(-1) === draft ? group.length - 1 : -1);
  return (
    <div role="log" aria-live="polite" aria-relevant="additions" aria-label={labels.messages} aria-busy={busy} {...props}>
      {/* The draft is the last row of the same list, so when it finishes it keeps its row (and its
          parsed markdown) instead of being mounted again as a new one. */}
      {groups.map((group, index) => (
        <RowGroup key={index} messages={group} first={index * groupSize} streamingOffset={draftOffset(group)} render={children} />
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
