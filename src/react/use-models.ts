import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { ProviderError } from '../core/index.js';
import { useRequiredHayloftContext } from './hayloft-context.js';

/** A model the proxy serves. */
export interface ModelInfo {
  readonly id: string;
  readonly ownedBy: string | null;
}

interface ModelList {
  data?: Array<{ id?: unknown; owned_by?: unknown }>;
}

/**
 * The models a hayloft proxy (or any OpenAI-compatible server) allows, from `GET <baseUrl>/models`:
 * for a model picker. Needs a `HayloftProvider`.
 *
 * @example
 * const { data: models = [] } = useModels('/api/openai/v1');
 */
export const useModels = (baseUrl: string, options: { fetch?: typeof fetch } = {}): UseQueryResult<readonly ModelInfo[]> => {
  const { queryClient } = useRequiredHayloftContext('useModels');
  return useQuery(
    {
      queryKey: ['hayloft', 'models', baseUrl],
      queryFn: async ({ signal }) => {
        const url = `${baseUrl.replace(/\/+$/, '')}/models`;
        const response = await (options.fetch ?? fetch)(url, { signal, headers: { accept: 'application/json' } });
        if (!response.ok) {
          throw new ProviderError(`Listing models at ${url} failed with status ${response.status}.`, { status: response.status });
        }
        const body = (await response.json()) as ModelList;
        return (body.data ?? []).flatMap((entry) =>
          typeof entry.id === 'string' ? [{ id: entry.id, ownedBy: typeof entry.owned_by === 'string' ? entry.owned_by : null }] : [],
        );
      },
      staleTime: 5 * 60_000,
      // A 4xx (a provider the proxy does not serve, a refused client) will not change on a retry.
      retry: (failures, error) => failures < 2 && !(ProviderError.isInstance(error) && (error.status ?? 0) >= 400 && (error.status ?? 0) < 500),
    },
    queryClient,
  );
};
