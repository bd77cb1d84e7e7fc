import { useState, type HTMLAttributes, type ReactNode, type Ref } from 'react';
import { ChatProvider, useChatStatus, type ChatSource } from '../../react/index.js';
import { ComposerContext } from './composer-context.js';
import { createComposerStore } from './composer-store.js';
import { RootContext, type RootContextValue } from './contexts.js';
import { Slot } from './slot.js';

/** Props of `ChatPrimitive.Root`. */
export interface RootProps extends HTMLAttributes<HTMLDivElement> {
  /** The chat: what `useChatGenerator` returns, or a `ChatController`. */
  chat: ChatSource;
  asChild?: boolean;
  ref?: Ref<HTMLDivElement>;
}

/**
 * The root of a chat UI: provides the chat to every part below and carries its state as
 * `data-status` (`ready`, `submitted`, `streaming`, `awaiting-approval`, `awaiting-tool-result`, `error`).
 */
export function Root({ chat, asChild, children, ...props }: RootProps): ReactNode {
  const controller = 'controller' in chat ? chat.controller : chat;
  const [composer] = useState(createComposerStore);
  const [value, setValue] = useState<RootContextValue>({ controller });
  if (value.controller !== controller) setValue({ controller });
  const { status } = useChatStatus(controller);
  const Component = asChild ? Slot : 'div';
  return (
    <RootContext.Provider value={value}>
      <ComposerContext.Provider value={composer}>
        <ChatProvider chat={controller}>
          <Component data-status={status} {...props}>
            {children}
          </Component>
        </ChatProvider>
      </ComposerContext.Provider>
    </RootContext.Provider>
  );
}
