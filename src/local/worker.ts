/**
 * The module Worker that runs local models in browsers, so loading and generating never block the
 * page. It answers {@link WorkerRequest}s with {@link WorkerResponse}s (see `worker-engine.ts`).
 */
import { EngineError, TransformersEngine } from './engine.js';
import type { EngineErrorData, WorkerRequest, WorkerResponse } from './protocol.js';

interface WorkerScope {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const engine = new TransformersEngine();
const generations = new Map<number, AbortController>();

const toErrorData = (error: unknown): EngineErrorData =>
  error instanceof EngineError ? error.data : { kind: 'other', message: error instanceof Error ? error.message : String(error) };

const answer = async (id: number, work: () => Promise<unknown>): Promise<void> => {
  try {
    scope.postMessage({ type: 'result', id, value: await work() });
  } catch (error) {
    scope.postMessage({ type: 'error', id, error: toErrorData(error) });
  }
};

scope.addEventListener('message', (event) => {
  const message = event.data;
  switch (message.type) {
    case 'load':
      void answer(message.id, () => engine.load(message.load, (progress) => scope.postMessage({ type: 'progress', id: message.id, event: progress })));
      break;
    case 'generate': {
      const controller = new AbortController();
      generations.set(message.id, controller);
      void answer(message.id, () =>
        engine.generate(message.load, message.request, (text) => scope.postMessage({ type: 'text', id: message.id, text }), controller.signal),
      ).finally(() => generations.delete(message.id));
      break;
    }
    case 'interrupt':
      generations.get(message.id)?.abort();
      break;
    case 'is-cached':
      void answer(message.id, () => engine.isCached(message.load));
      break;
    case 'clear-cache':
      void answer(message.id, () => engine.clearCache(message.load));
      break;
  }
});
