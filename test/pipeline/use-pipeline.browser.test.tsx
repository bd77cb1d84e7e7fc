import { afterEach, describe, expect, it } from 'vitest';
import { ChatMessage, OpenAIChatGenerator } from '../../src/index.js';
import { ChatPromptBuilder, Pipeline } from '../../src/pipeline/index.js';
import { HayloftProvider, usePipeline, type UsePipelineResult } from '../../src/react/index.js';
import { useReactRoot, waitFor } from '../support/react-root.js';
import { replay } from '../support/replay-client.js';
import { tokenStream, tokenStreamText } from '../support/token-stream.js';

const react = useReactRoot();
afterEach(() => replay.reset());

const pipeline = () => {
  const built = new Pipeline()
    .addComponent('prompt', new ChatPromptBuilder({ template: [ChatMessage.fromSystem('Answer briefly.'), ChatMessage.fromUser('{{ query }}')] }))
    .addComponent('llm', new OpenAIChatGenerator({ apiBaseUrl: `${replay.url()}/v1`, maxRetries: 0 }));
  built.connect('prompt.prompt', 'llm.messages');
  return built;
};

let rag: UsePipelineResult;
function Rag({ target }: { target: Pipeline }) {
  rag = usePipeline(target);
  return (
    <div data-status={rag.status}>
      <p data-stream>{rag.streaming.text}</p>
      <p data-answer>{(rag.data?.llm?.replies as ChatMessage[] | undefined)?.[0]?.text}</p>
      <p data-error>{rag.error?.message}</p>
    </div>
  );
}
const $ = (selector: string) => react.container.querySelector<HTMLElement>(selector)!;

describe('usePipeline in Chromium', () => {
  it('should stream the generator inside the pipeline and end with its outputs', async () => {
    await replay.enqueue({ sse: tokenStream(30), writeDelayMs: 2 });
    react.mount(
      <HayloftProvider>
        <Rag target={pipeline()} />
      </HayloftProvider>,
    );
    expect($('[data-status]').dataset.status).toBe('idle');
    const running = rag.run({ query: 'What is BM25?' });
    await waitFor(() => expect($('[data-status]').dataset.status).toBe('pending'));
    await running;
    await waitFor(() => expect($('[data-status]').dataset.status).toBe('success'));
    expect($('[data-answer]').textContent).toBe(tokenStreamText(30));
    expect($('[data-stream]').textContent).toBe(tokenStreamText(30));
    expect(rag.streaming.chunks.length).toBeGreaterThan(30);
    const [request] = await replay.requests();
    expect((request!.json as { messages: unknown[] }).messages).toEqual([
      { role: 'system', content: 'Answer briefly.' },
      { role: 'user', content: 'What is BM25?' },
    ]);
  });

  it('should abort a run and keep what streamed', async () => {
    await replay.enqueue({ sse: tokenStream(40).slice(0, 15), hang: true, done: false });
    react.mount(
      <HayloftProvider>
        <Rag target={pipeline()} />
      </HayloftProvider>,
    );
    const running = rag.run({ query: 'Long answer' });
    await waitFor(() => expect($('[data-stream]').textContent).toContain('w12'));
    rag.abort();
    await expect(running).rejects.toThrow();
    await waitFor(() => expect($('[data-status]').dataset.status).toBe('error'));
    expect($('[data-stream]').textContent).toBe(tokenStreamText(14));
    await waitFor(async () => expect(await replay.disconnects()).toBe(1));
  });
});
