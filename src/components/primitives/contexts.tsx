import { createContext, useContext } from 'react';
import { ConfigError, type ChatMessage } from '../../core/index.js';
import type { ChatController } from '../../react/index.js';

/** What `ChatPrimitive.Root` provides. */
export interface RootContextValue {
  readonly controller: ChatController;
}

/** The chat of the nearest `ChatPrimitive.Root`. */
export const RootContext = createContext<RootContextValue | null>(null);

/** The root's value; throws "`ChatPrimitive.X` must be used within `ChatPrimitive.Root`" outside one. */
export const useRoot = (part: string): RootContextValue => {
  const value = useContext(RootContext);
  if (!value) throw new ConfigError(`\`ChatPrimitive.${part}\` must be used within \`ChatPrimitive.Root\`.`);
  return value;
};

/** What `ChatPrimitive.Message` provides. */
export interface MessageContextValue {
  readonly message: ChatMessage;
  /** True for the draft being streamed. */
  readonly streaming: boolean;
}

/** The message of the nearest `ChatPrimitive.Message`. */
export const MessageContext = createContext<MessageContextValue | null>(null);

/** The message's value; throws "`ChatPrimitive.X` must be used within `ChatPrimitive.Message`" outside one. */
export const useMessageContext = (part: string): MessageContextValue => {
  const value = useContext(MessageContext);
  if (!value) throw new ConfigError(`\`ChatPrimitive.${part}\` must be used within \`ChatPrimitive.Message\`.`);
  return value;
};
