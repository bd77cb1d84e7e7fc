import { useEffect, useRef, useState, type ComponentProps, type CSSProperties, type ReactNode } from 'react';
import type { ChatGenerator, ChatMessage } from 'hayloft';
import { ChatPrimitive, LabelsProvider, type ChatLabels } from 'hayloft/components';
import { useChatGenerator, type UseChatGeneratorOptions, type UseChatGeneratorResult } from 'hayloft/react';
import { markdownChunks } from './markdown-stream.js';
import { replayGenerator } from './replay-generator.js';
import './primitive-story.css';

/** How a primitive's story reaches its state: a replayed generator, messages to start from, what to send. */
export interface Script extends Pick<UseChatGeneratorOptions, 'tools' | 'requireToolApproval'> {
  /** Makes the generator; called once per mount, so every mount replays from the first script. */
  generator?: () => ChatGenerator;
  initialMessages?: readonly ChatMessage[];
  /** Sent once on mount, one after the other, as a user would type them. */
  sends?: readonly string[];
  /** Run after the sends, e.g. to regenerate or open a second thread. */
  then?: (chat: UseChatGeneratorResult) => unknown;
  /** Built-in strings to replace. */
  labels?: Partial<ChatLabels>;
}

/** Props of {@link ScriptedRoot}. */
export type ScriptedRootProps = Omit<ComponentProps<typeof ChatPrimitive.Root>, 'chat'> & { script?: Script };

const defaultGenerator = () => replayGenerator({ chunks: markdownChunks('BM25 ranks documents by term frequency, inverse document frequency and length.'), delayMs: 5 });

/**
 * `ChatPrimitive.Root` over a scripted chat, in a plain readable frame: how the primitives' stories
 * show one part in a real chat, with no styles but a font and some spacing.
 */
export function ScriptedRoot({ script = {}, ...props }: ScriptedRootProps): ReactNode {
  const { generator: makeGenerator = defaultGenerator, sends = [], then, labels, ...options } = script;
  const [generator] = useState(makeGenerator);
  const chat = useChatGenerator({ ...options, generator });
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      for (const text of sends) await chat.send(text).catch(() => undefined);
      await then?.(chat);
    })();
  }, [chat, sends, then]);
  return (
    <LabelsProvider labels={labels}>
      <div className="primitive-story">
        <ChatPrimitive.Root {...props} chat={chat} />
      </div>
    </LabelsProvider>
  );
}

/** One message as plain text with its role in front: the minimal layout of the stories. */
export function PlainMessage({ children }: { children?: ReactNode }): ReactNode {
  return <ChatPrimitive.Message style={{ display: 'grid', gridTemplateColumns: '6rem 1fr', gap: '0.5rem', alignItems: 'baseline' }}>{children}</ChatPrimitive.Message>;
}

/** A role name, for {@link PlainMessage}. */
export const roleName = (message: ChatMessage): string => (message.role === 'user' ? 'You' : 'Assistant');

/** Users and assistants as "role: content"; tool and system messages are left to their tool calls. */
export const plainRender = (message: ChatMessage): ReactNode =>
  message.role === 'user' || message.role === 'assistant' ? (
    <PlainMessage>
      <strong>{roleName(message)}</strong>
      <ChatPrimitive.Content />
    </PlainMessage>
  ) : null;

/** A controlled `ChatPrimitive.Input` that starts with `text`, as if the user had typed it. */
export function TypedInput({ text, ...props }: { text: string } & Omit<ComponentProps<typeof ChatPrimitive.Input>, 'value' | 'onValueChange'>): ReactNode {
  const [value, setValue] = useState(text);
  return <ChatPrimitive.Input {...props} value={value} onValueChange={setValue} />;
}

/** The composer's row: input and buttons side by side. */
export const composerRow: CSSProperties = { display: 'flex', gap: '0.5rem', alignItems: 'flex-end' };

/** A bordered box for the conversation, so its edges show. */
export const box: CSSProperties = { display: 'flex', flexDirection: 'column', gap: '0.75rem', padding: '0.75rem', border: '1px solid #d1d5db', borderRadius: '0.5rem' };

/** Scrolls the viewport inside `root` up until it reports it is no longer at the end (it follows new content at first). */
export function ScrollUp(): ReactNode {
  const marker = useRef<HTMLSpanElement | null>(null);
  useEffect(() => {
    let tries = 0;
    const timer = setInterval(() => {
      const viewport = marker.current?.parentElement?.querySelector<HTMLElement>('[data-at-bottom]');
      tries += 1;
      if (!viewport || viewport.dataset.atBottom === 'false' || tries > 40) clearInterval(timer);
      else viewport.scrollTop = 0;
    }, 50);
    return () => clearInterval(timer);
  }, []);
  return <span ref={marker} hidden />;
}
