import { QueryClient } from '@tanstack/react-query';
import { describe, expect, inject, it, vi } from 'vitest';
import { ModelLoadError, type LoadableModel, type ModelLoadProgress, type ModelProgressEvent, type WarmUpOptions } from '../../src/index.js';
import { HayloftProvider, useLocalModel, useModels } from '../../src/react/index.js';
import { Boundary, useReactRoot, waitFor } from '../support/react-root.js';

const react = useReactRoot();
const { mount } = react;
const text = () => react.container.textContent ?? '';

/**
 * A model whose warm-up reports transformers.js-shaped events over two files and resolves when the
 * test says so: the hook's behaviour is the subject, and the local generators arrive with issue #4.
 */
class SteppedModel implements LoadableModel {
  readonly loadsModel = true;
  readonly model: string;
  warmUps = 0;
  #options: WarmUpOptions | undefined;
  #finish: ((error?: Error) => void) | undefined;
  constructor(model: string) {
    this.model = model;
  }
  warmUp(options: WarmUpOptions = {}): Promise<void> {
    this.warmUps += 1;
    this.#options = options;
    return new Promise((resolve, reject) => {
      this.#finish = (error) => (error ? reject(error) : resolve());
    });
  }
  report(event: ModelProgressEvent, progress: ModelLoadProgress): void {
    this.#options?.onProgress?.(event, progress);
  }
  finish(error?: Error): void {
    this.#finish?.(error);
  }
}

function ModelStatus({ model, label }: { model: LoadableModel; label: string }) {
  const { status, progress, error } = useLocalModel(model);
  return <p>{`${label}:${status}:${progress?.percent ?? '-'}:${error?.message ?? ''}`}</p>;
}

describe('useLocalModel', () => {
  it('should warm a model once for the whole app and share its progress', async () => {
    const model = new SteppedModel('tiny/model-a');
    mount(
      <HayloftProvider>
        <ModelStatus model={model} label="header" />
        <ModelStatus model={model} label="chat" />
      </HayloftProvider>,
    );
    await waitFor(() => expect(model.warmUps).toBe(1));
    expect(text()).toBe('header:loading:-:chat:loading:-:');
    model.report(
      { status: 'progress', name: 'tiny/model-a', file: 'onnx/model.onnx', progress: 50, loaded: 500, total: 1000 },
      { loaded: 500, total: 1000, percent: 50, files: { 'onnx/model.onnx': { loaded: 500, total: 1000 } }, cached: false },
    );
    await waitFor(() => expect(text()).toBe('header:loading:50:chat:loading:50:'));
    model.finish();
    await waitFor(() => expect(text()).toBe('header:ready:50:chat:ready:50:'));
    // A component mounted later in the same app finds the model loaded.
    mount(
      <HayloftProvider>
        <ModelStatus model={model} label="late" />
      </HayloftProvider>,
    );
    expect(text()).toBe('late:ready:50:');
    expect(model.warmUps).toBe(1);
  });

  it('should report a failed load and load again on retry', async () => {
    const model = new SteppedModel('tiny/missing');
    let retry: (() => void) | undefined;
    function WithRetry() {
      const state = useLocalModel(model);
      retry = state.retry;
      return <p>{`${state.status}:${state.error?.message ?? ''}`}</p>;
    }
    const client = new QueryClient();
    mount(<HayloftProvider queryClient={client}><WithRetry /></HayloftProvider>);
    await waitFor(() => expect(model.warmUps).toBe(1));
    model.finish(new ModelLoadError("Model 'tiny/missing' was not found at /models/tiny/missing/config.json.", { model: 'tiny/missing' }));
    await waitFor(() => expect(text()).toMatch(/^error:Model 'tiny\/missing' was not found/));
    retry!();
    await waitFor(() => expect(model.warmUps).toBe(2));
    model.finish();
    await waitFor(() => expect(text()).toBe('ready:'));
  });

  it('should say how to fix a missing HayloftProvider', () => {
    const caught: Error[] = [];
    function Bare() {
      useLocalModel(new SteppedModel('x'));
      return null;
    }
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      mount(<Boundary onError={(error) => caught.push(error)}><Bare /></Boundary>);
    } finally {
      quiet.mockRestore();
    }
    expect(caught[0]?.message).toBe('useLocalModel must be used within <HayloftProvider>: wrap your app in it (it supplies the query client).');
  });
});

describe('useModels', () => {
  it("should list the models the proxy allows, with one request for every component that asks", async () => {
    const base = `${inject('proxyUrl')}/openai/v1`;
    const requests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      requests.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return fetch(input, init);
    };
    function Picker() {
      const { data, status } = useModels(base, { fetch: counting });
      return <p>{status === 'success' ? data.map((model) => model.id).join(',') : status}</p>;
    }
    mount(
      <HayloftProvider>
        <Picker />
        <Picker />
      </HayloftProvider>,
    );
    await waitFor(() => expect(text()).toBe('gpt-4o-mini,gpt-4.1gpt-4o-mini,gpt-4.1'));
    expect(requests).toEqual([`${base}/models`]);
  });

  it('should fail with the status when the proxy refuses', async () => {
    function Picker() {
      const { error } = useModels(`${inject('proxyUrl')}/stackit/v1`);
      return <p>{error?.message ?? 'pending'}</p>;
    }
    mount(<HayloftProvider queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}><Picker /></HayloftProvider>);
    await waitFor(() => expect(text()).toMatch(/^Listing models at .*\/stackit\/v1\/models failed with status 404\.$/));
  });
});
