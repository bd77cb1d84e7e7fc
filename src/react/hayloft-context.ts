import { createContext, useContext } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { ConfigError, type ChatGenerator } from '../core/index.js';

// Kept apart from the provider, so hooks that only read it (useChatGenerator) do not bring TanStack
// Query into a bundle: the provider's module imports it at run time, this one only for types.

/** What {@link HayloftProvider} supplies to the hooks below it. */
export interface HayloftContextValue {
  /** The generator `useChatGenerator` uses when it is given none. */
  readonly generator: ChatGenerator | undefined;
  /** The query client of `useLocalModel` and `useModels`. */
  readonly queryClient: QueryClient;
}

/** The context `HayloftProvider` fills. */
export const HayloftContext = createContext<HayloftContextValue | null>(null);

/** The nearest {@link HayloftProvider}'s value, or null outside one. */
export const useHayloftContext = (): HayloftContextValue | null => useContext(HayloftContext);

/** The nearest {@link HayloftProvider}'s value; throws a message that says how to fix it outside one. */
export const useRequiredHayloftContext = (hook: string): HayloftContextValue => {
  const value = useContext(HayloftContext);
  if (!value) throw new ConfigError(`${hook} must be used within <HayloftProvider>: wrap your app in it (it supplies the query client).`);
  return value;
};
