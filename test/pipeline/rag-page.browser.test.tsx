import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { OpenAIChatGenerator } from '../../src/index.js';
import { HayloftProvider } from '../../src/react/index.js';
import { RagPanel } from '../../demo/rag-panel.js';
import { useReactRoot, waitFor } from '../support/react-root.js';
import { replay } from '../support/replay-client.js';
import { textStream } from '../support/token-stream.js';

const react = useReactRoot();
afterEach(() => replay.reset());
const $ = (selector: string) => react.container.querySelector<HTMLElement>(selector)!;

describe("the demo's RAG page in Chromium", () => {
  it('should index dropped files, retrieve with BM25, and show the answer with the sources it cites', async () => {
    await replay.enqueue({ sse: textStream('The Eiffel Tower is in Paris [1].') });
    const generator = new OpenAIChatGenerator({ apiBaseUrl: `${replay.url()}/v1`, maxRetries: 0 });
    react.mount(
      <HayloftProvider>
        <RagPanel generator={generator} />
      </HayloftProvider>,
    );
    const files = new DataTransfer();
    files.items.add(new File(['The Eiffel Tower stands in Paris. It was finished in 1889.'], 'paris.txt', { type: 'text/plain' }));
    files.items.add(new File(['<h1>Rome</h1><p>The Colosseum is in Rome.</p>'], 'rome.html', { type: 'text/html' }));
    $('.rag-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
    await waitFor(() => expect(Number($('.rag-drop').dataset.count)).toBeGreaterThan(0));
    await userEvent.click($('input[aria-label="Question"]'));
    await userEvent.keyboard('Where is the Eiffel Tower?{Enter}');
    await waitFor(() => expect($('.rag-answer').dataset.status).toBe('success'));
    expect($('.rag-answer p').textContent).toBe('The Eiffel Tower is in Paris [1].');
    const cited = react.container.querySelector('.rag-sources [data-referenced]');
    expect(cited?.textContent).toContain('paris.txt: The Eiffel Tower stands in Paris.');
    // What the model saw: the best passage first, numbered, and the question.
    const [request] = await replay.requests();
    const prompt = (request!.json as { messages: Array<{ content: string }> }).messages[1]!.content;
    expect(prompt).toMatch(/^\[1\] The Eiffel Tower stands in Paris\./);
    expect(prompt).toContain('Question: Where is the Eiffel Tower?');
    expect(prompt).not.toContain('<h1>');
    expect($('details pre').textContent).toContain('haystack.components.retrievers.in_memory.bm25_retriever.InMemoryBM25Retriever');
  });
});
