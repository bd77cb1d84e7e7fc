import { useMutation } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { HayloftError, type StreamingCallback, type StreamingChunk } from '../core/index.js';
import { scheduleFrame } from './frame-scheduler.js';
import { useRequiredHayloftContext } from './hayloft-context.js';

/** What `usePipeline` needs of a pipeline (a `hayloft/pipeline` `Pipeline`, or anything that runs like one). */
export interface RunnablePipeline {
  run(
    data: Record<string, unknown>,
    options: { signal?: AbortSignal; streamingCallback?: StreamingCallback },
  ): Promise<Record<string, Record<string, unknown>>>;
}

/** The text and chunks streamed so far by the generators inside the pipeline. */
export interface PipelineStream {
  readonly text: string;
  readonly chunks: readonly StreamingChunk[];
}

/** What {@link usePipeline} returns. */
export interface UsePipelineResult {
  /** Runs the pipeline; resolves with its outputs (rejects on error, keeping the stream). */
  readonly run: (inputs: Record<string, unknown>) => Promise<Record<string, Record<string, unknown>>>;
  readonly data: Record<string, Record<string, unknown>> | undefined;
  readonly status: 'idle' | 'pending' | 'success' | 'error';
  readonly error: HayloftError | null;
  /** What streamed so far; kept after an error or an abort. */
  readonly streaming: PipelineStream;
  /** Clears data, error and stream. */
  readonly reset: () => void;
  /** Aborts the run; what streamed stays. */
  readonly abort: () => void;
}

const empty: PipelineStream = { text: '', chunks: [] };

/**
 * Runs a pipeline from React on a TanStack Query mutation, with its generators' stream: the text
 * reaches the component at most once per frame, and an aborted or failed run keeps what arrived.
 * Needs a `HayloftProvider`.
 *
 * @example
 * const rag = usePipeline(pipeline);
 * <button onClick={() => void rag.run({ query })}>Ask</button>; <p>{rag.streaming.text}</p>
 */
export function usePipeline(pipeline: RunnablePipeline): UsePipelineResult {
  const { queryClient } = useRequiredHayloftContext('usePipeline');
  const [stream, setStream] = useState<PipelineStream>(empty);
  const controller = useRef<AbortController | null>(null);
  const mutation = useMutation<Record<string, Record<string, unknown>>, HayloftError, Record<string, unknown>>(
    {
      mutationFn: async (inputs: Record<string, unknown>) => {
        controller.current?.abort();
        const abort = new AbortController();
        controller.current = abort;
        const chunks: StreamingChunk[] = [];
        let text = '';
        let scheduled = false;
        const flush = () => {
          scheduled = false;
          setStream({ text, chunks: [...chunks] });
        };
        setStream(empty);
        try {
          return await pipeline.run(inputs, {
            signal: abort.signal,
            streamingCallback: (chunk) => {
              chunks.push(chunk);
              text += chunk.content;
              if (!scheduled) {
                scheduled = true;
                scheduleFrame(flush);
              }
            },
          });
        } catch (error) {
          throw HayloftError.isInstance(error) ? error : new HayloftError(error instanceof Error ? error.message : String(error), { cause: error });
        } finally {
          // The last chunks reach the state even when the run ended between two frames.
          setStream({ text, chunks: [...chunks] });
          if (controller.current === abort) controller.current = null;
        }
      },
    },
    queryClient,
  );
  const { mutateAsync, reset: resetMutation } = mutation;
  const reset = useCallback(() => {
    resetMutation();
    setStream(empty);
  }, [resetMutation]);
  const abort = useCallback(() => controller.current?.abort(), []);
  return {
    run: mutateAsync,
    data: mutation.data,
    status: mutation.status,
    error: mutation.error,
    streaming: stream,
    reset,
    abort,
  };
}
