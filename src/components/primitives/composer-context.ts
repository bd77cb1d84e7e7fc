import { createContext, useContext } from 'react';
import { ConfigError } from '../../core/index.js';
import type { ComposerStore } from './composer-store.js';
import { useRoot } from './contexts.js';

/** The composer store of the nearest `ChatPrimitive.Root`. */
export const ComposerContext = createContext<ComposerStore | null>(null);

/** The nearest root's composer store; throws "`ChatPrimitive.X` must be used within `ChatPrimitive.Root`" outside one. */
export const useComposerStore = (part: string): ComposerStore => {
  useRoot(part);
  const store = useContext(ComposerContext);
  if (!store) throw new ConfigError(`\`ChatPrimitive.${part}\` must be used within \`ChatPrimitive.Root\`.`);
  return store;
};
