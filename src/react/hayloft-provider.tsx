import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { ConfigError, type ChatGenerator } from '../core/index.js';

/** What {@link HayloftProvider} supplies to the hooks below it. */
export interface HayloftContextValue {
  /** The generator `useChatGenerator` uses when it is given none. */
  readonly generator: ChatGenerator | undefined;
  /** The query client of `useLocalModel` and `useModels`. */
  readonly queryClient: QueryClient;
}

const HayloftContext = createContext<HayloftContextValue | null>(null);

/** Props of {@link HayloftProvider}. */
export interface HayloftProviderProps {
  /** The default generator of every chat below. */
  generator?: ChatGenerator;
  /** Your app's query client, to share its cache; hayloft makes one otherwise. */
  queryClient?: QueryClient;
  children?: ReactNode;
}

/**
 * Supplies a default generator and a TanStack Query client to hayloft's hooks.
 *
 * @example
 * <HayloftProvider generator={new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1' })}>
 *   <App />
 * </HayloftProvider>
 */
export function HayloftProvider({ generator, queryClient, children }: HayloftProviderProps): ReactNode {
  // Local models stay loaded for the life of the app: their queries never go stale or get collected.
  const [ownClient] = useState(() => queryClient ?? new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } }));
  const client = queryClient ?? ownClient;
  const [value, setValue] = useState<HayloftContextValue>({ generator, queryClient: client });
  if (value.generator !== generator || value.queryClient !== client) setValue({ generator, queryClient: client });
  return (
    <HayloftContext.Provider value={value}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </HayloftContext.Provider>
  );
}

/** The nearest {@link HayloftProvider}'s value, or null outside one. */
export const useHayloftContext = (): HayloftContextValue | null => useContext(HayloftContext);

/** The nearest {@link HayloftProvider}'s value; throws a message that says how to fix it outside one. */
export const useRequiredHayloftContext = (hook: string): HayloftContextValue => {
  const value = useContext(HayloftContext);
  if (!value) throw new ConfigError(`${hook} must be used within <HayloftProvider>: wrap your app in it (it supplies the query client).`);
  return value;
};
