import { useQuery } from '@tanstack/react-query';
import type { LoadableModel, ModelLoadProgress, ModelProgressEvent } from '../core/index.js';
import { useRequiredHayloftContext } from './hayloft-context.js';

/** The progress of a model load, shared by every component that shows it. */
export interface LocalModelProgress {
  /** The latest event, as transformers.js reported it. */
  readonly event: ModelProgressEvent | null;
  /** Bytes over every file; never goes backwards. */
  readonly progress: ModelLoadProgress | null;
}

/** What {@link useLocalModel} returns. */
export interface UseLocalModelResult {
  readonly status: 'loading' | 'ready' | 'error';
  readonly progress: ModelLoadProgress | null;
  readonly event: ModelProgressEvent | null;
  readonly error: Error | null;
  /** Loads again after an error. */
  readonly retry: () => void;
}

const key = (model: string) => ['hayloft', 'local-model', model] as const;
const progressKey = (model: string) => ['hayloft', 'local-model-progress', model] as const;

/**
 * Warms a local model once per app (a query keyed by model id), with progress that every component
 * showing the same model shares. Needs a `HayloftProvider`.
 *
 * @example
 * const { status, progress } = useLocalModel(generator);
 * if (status === 'loading') return <progress value={progress?.percent ?? 0} max={100} />;
 */
export const useLocalModel = (generator: LoadableModel): UseLocalModelResult => {
  const { queryClient } = useRequiredHayloftContext('useLocalModel');
  const load = useQuery(
    {
      queryKey: key(generator.model),
      queryFn: async ({ signal }) => {
        await generator.warmUp({
          signal,
          onProgress: (event, progress) => queryClient.setQueryData<LocalModelProgress>(progressKey(generator.model), { event, progress }),
        });
        return true;
      },
      // A loaded model stays loaded: never stale, never collected, not retried behind the user's back.
      staleTime: Infinity,
      gcTime: Infinity,
      retry: false,
    },
    queryClient,
  );
  const progress = useQuery<LocalModelProgress>(
    { queryKey: progressKey(generator.model), queryFn: () => ({ event: null, progress: null }), enabled: false, initialData: { event: null, progress: null }, staleTime: Infinity, gcTime: Infinity },
    queryClient,
  );
  return {
    status: load.isSuccess ? 'ready' : load.isError ? 'error' : 'loading',
    progress: progress.data.progress,
    event: progress.data.event,
    error: load.error,
    retry: () => void load.refetch(),
  };
};
