import { useEffect, useRef, type ReactNode } from 'react';
import type { ChatGenerator } from 'hayloft';
import { Chat, type ChatProps } from 'hayloft/components';
import { useChatGenerator, type UseChatGeneratorOptions } from 'hayloft/react';

/** Props of {@link ScriptedChat}. */
export interface ScriptedChatProps extends Omit<ChatProps, 'chat'> {
  generator: ChatGenerator;
  /** Sent once on mount, one after the other, as a user would type them. */
  sends?: readonly string[];
  /** Run after the sends, e.g. to regenerate. */
  then?: (chat: ReturnType<typeof useChatGenerator>) => Promise<void>;
}

/** `<Chat>` with a scripted generator that sends on mount: how a story reaches a state. */
export function ScriptedChat({ generator, sends = [], then, ...props }: ScriptedChatProps): ReactNode {
  const options: UseChatGeneratorOptions = { ...props, generator };
  const chat = useChatGenerator(options);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      for (const text of sends) await chat.send(text).catch(() => undefined);
      await then?.(chat);
    })();
  }, [chat, sends, then]);
  return <Chat {...props} generator={generator} chat={chat} />;
}
