import { createContext, useContext, type ComponentType, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { ImageContent, type ChatMessage, type ReasoningContent, type ToolCall as ToolCallPart } from '../../core/index.js';
import { useLabels } from '../labels.js';
import { LazyMarkdown } from '../markdown/lazy-markdown.js';
import { useMessageContext } from './contexts.js';
import { Reasoning } from './reasoning.js';
import { ToolCall } from './tool-call.js';

/** Renderers `ChatPrimitive.Content` uses for each kind of part; replace any of them. */
export interface ContentComponents {
  /** Text of an assistant message (markdown by default) or of a user message (plain text). */
  Text?: ComponentType<{ text: string; message: ChatMessage; streaming: boolean }>;
  Image?: ComponentType<{ image: ImageContent; message: ChatMessage }>;
  ToolCall?: ComponentType<{ call: ToolCallPart; message: ChatMessage }>;
  Reasoning?: ComponentType<{ reasoning: ReasoningContent; streaming: boolean }>;
}

/** Renderers every `ChatPrimitive.Content` below uses unless its own `components` say otherwise (`<Chat components>` sets them). */
export const ContentComponentsContext = createContext<ContentComponents>({});

function DefaultText({ text, message }: { text: string; message: ChatMessage }): ReactNode {
  // What the user typed is shown as typed; what a model wrote is markdown.
  return message.role === 'assistant' ? <LazyMarkdown text={text} /> : <p className="hayloft-user-text">{text}</p>;
}

function DefaultImage({ image }: { image: ImageContent }): ReactNode {
  return <img className="hayloft-image" src={ImageContent.toUrl(image)} alt={typeof image.meta.file_name === 'string' ? image.meta.file_name : ''} />;
}

function DefaultToolCall({ call }: { call: ToolCallPart }): ReactNode {
  return <ToolCall call={call} />;
}

function DefaultReasoning({ reasoning, streaming }: { reasoning: ReasoningContent; streaming: boolean }): ReactNode {
  return <Reasoning reasoning={reasoning} streaming={streaming} />;
}

/** Props of `ChatPrimitive.Content`. */
export interface ContentProps extends HTMLAttributes<HTMLDivElement> {
  components?: ContentComponents;
  ref?: Ref<HTMLDivElement>;
}

/**
 * A message's parts in order: text (markdown for answers), images, reasoning and tool calls, then a
 * note when the answer was stopped or failed (what arrived stays above it).
 */
export function Content({ components: own = {}, ...props }: ContentProps): ReactNode {
  const { message, streaming } = useMessageContext('Content');
  const labels = useLabels();
  const inherited = useContext(ContentComponentsContext);
  const components = { ...inherited, ...own };
  const { Text = DefaultText, Image = DefaultImage, ToolCall: Call = DefaultToolCall, Reasoning: Thinking = DefaultReasoning } = components;
  const error = message.meta.error as { message?: unknown } | null | undefined;
  return (
    <div {...props}>
      {message.content.map((part, index) => {
        switch (part.type) {
          case 'text':
            return <Text key={index} text={part.text} message={message} streaming={streaming} />;
          case 'image':
            return <Image key={index} image={part} message={message} />;
          case 'reasoning':
            return <Thinking key={index} reasoning={part} streaming={streaming} />;
          case 'tool_call':
            return <Call key={index} call={part} message={message} />;
          case 'tool_call_result':
            return null;
          default:
            return part satisfies never;
        }
      })}
      {message.meta.stopped === true && (
        <p className="hayloft-note" data-kind="stopped">
          {labels.stopped}
        </p>
      )}
      {/* A stopped answer says "Stopped" once, not also the abort's own message. */}
      {error && typeof error.message === 'string' && message.meta.stopped !== true && (
        <p className="hayloft-note" data-kind="error">
          {error.message}
        </p>
      )}
    </div>
  );
}
