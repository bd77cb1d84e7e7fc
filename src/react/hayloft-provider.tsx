import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { ChatGenerator } from '../core/index.js';
import { HayloftContext, type HayloftContextValue } from './hayloft-context.js';

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
