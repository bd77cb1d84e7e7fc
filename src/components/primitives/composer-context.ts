import { createContext } from 'react';
import type { ComposerStore } from './composer-store.js';

/** The composer store of the nearest `ChatPrimitive.Root`. */
export const ComposerContext = createContext<ComposerStore | null>(null);
