import { createContext, useContext, type ReactNode } from 'react';
import { ConfigError } from '../core/index.js';
import type { ChatController } from './chat-controller.js';

const ChatContext = createContext<ChatController | null>(null);

/** Something that holds a chat: a controller, or what `useChatGenerator` returns. */
export type ChatSource = ChatController | { readonly controller: ChatController };

const controllerOf = (source: ChatSource): ChatController => ('controller' in source ? source.controller : source);

/** Props of {@link ChatProvider}. */
export interface ChatProviderProps {
  /** The chat the slice hooks below read. */
  chat: ChatSource;
  children?: ReactNode;
}

/**
 * Makes one chat available to the slice hooks (`useChatMessages`, `useStreamingMessage`, ...) below,
 * so each component subscribes only to what it shows.
 *
 * @example
 * const chat = useChatGenerator({ generator });
 * return <ChatProvider chat={chat}><MessageList /><Composer /></ChatProvider>;
 */
export function ChatProvider({ chat, children }: ChatProviderProps): ReactNode {
  return <ChatContext.Provider value={controllerOf(chat)}>{children}</ChatContext.Provider>;
}

/** The chat passed in, or the nearest {@link ChatProvider}'s; throws a message that says how to fix it otherwise. */
export const useChatController = (chat?: ChatSource, hook = 'useChatController'): ChatController => {
  const fromContext = useContext(ChatContext);
  const controller = chat ? controllerOf(chat) : fromContext;
  if (!controller) {
    throw new ConfigError(`${hook} needs a chat: pass the result of useChatGenerator() to it, or render it within <ChatProvider chat={...}>.`);
  }
  return controller;
};
