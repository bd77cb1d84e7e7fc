// RAG in the browser: documents the user drops in are split, written to an in-memory store, found
// with BM25 and answered by a generator through the proxy, with the sources the answer cites.
import { useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { ChatMessage, type ChatGenerator } from 'hayloft';
import {
  AnswerBuilder,
  ChatPromptBuilder,
  Document,
  DocumentSplitter,
  DocumentWriter,
  InMemoryBM25Retriever,
  InMemoryDocumentStore,
  Pipeline,
  dumpsPipeline,
  type GeneratedAnswer,
  type PipelineComponent,
} from 'hayloft/pipeline';
import { Markdown } from 'hayloft/components';
import { usePipeline } from 'hayloft/react';
import { PageCode } from './page-code.js';
import source from './rag-panel.tsx?raw';

const template = [
  ChatMessage.fromSystem('Answer from the numbered documents only, and cite them as [1], [2]. Say so when they do not contain the answer.'),
  ChatMessage.fromUser('{% for doc in documents %}[{{ loop.index }}] {{ doc.content }}\n{% endfor %}\nQuestion: {{ query }}'),
];

/** Plain text from a dropped file: HTML loses its markup, markdown and text stay as they are. */
const textOf = async (file: File): Promise<string> => {
  const text = await file.text();
  if (!/\.html?$/i.test(file.name) && file.type !== 'text/html') return text;
  return new DOMParser().parseFromString(text, 'text/html').body.textContent ?? '';
};

/** The RAG page: index dropped documents, ask, and see the answer with its sources and the pipeline's YAML. */
export function RagPanel({ generator }: { generator: ChatGenerator & PipelineComponent }): ReactNode {
  const store = useMemo(() => new InMemoryDocumentStore(), []);
  const [count, setCount] = useState(0);
  const [query, setQuery] = useState('');
  const pipeline = useMemo(() => {
    const built = new Pipeline()
      .addComponent('retriever', new InMemoryBM25Retriever({ documentStore: store, topK: 3 }))
      .addComponent('prompt', new ChatPromptBuilder({ template }))
      .addComponent('llm', generator)
      .addComponent('answers', new AnswerBuilder({ referencePattern: String.raw`\[(\d+)\]`, returnOnlyReferencedDocuments: false }));
    built.connect('retriever.documents', 'prompt.documents').connect('prompt.prompt', 'llm.messages');
    built.connect('llm.replies', 'answers.replies').connect('retriever.documents', 'answers.documents');
    return built;
  }, [store, generator]);
  const rag = usePipeline(pipeline);
  const answer = (rag.data?.answers?.answers as GeneratedAnswer[] | undefined)?.[0];

  const index = async (files: readonly File[]) => {
    const documents = await Promise.all(files.map(async (file) => new Document({ content: await textOf(file), meta: { file_name: file.name } })));
    const indexing = new Pipeline()
      .addComponent('splitter', new DocumentSplitter({ splitBy: 'sentence', splitLength: 3, splitOverlap: 1 }))
      .addComponent('writer', new DocumentWriter({ documentStore: store }));
    indexing.connect('splitter.documents', 'writer.documents');
    await indexing.run({ splitter: { documents } });
    setCount(store.countDocuments());
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    void index([...event.dataTransfer.files]);
  };
  const yaml = useMemo(() => dumpsPipeline(pipeline), [pipeline]);

  return (
    <section className="rag" aria-label="Retrieval-augmented generation">
      <div className="rag-drop" onDragOver={(event) => event.preventDefault()} onDrop={drop} data-count={count}>
        <p>Drop text, markdown or HTML files here{count > 0 ? ` — ${count} passages indexed` : ''}.</p>
        <label>
          or choose files <input type="file" multiple accept=".txt,.md,.markdown,.html,.htm,text/*" onChange={(event) => void index([...(event.target.files ?? [])])} />
        </label>
      </div>
      <form
        className="rag-ask"
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim() !== '') void rag.run({ query }).catch(() => undefined);
        }}
      >
        <input aria-label="Question" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Ask about your documents" />
        <button type="submit" disabled={count === 0 || rag.status === 'pending'}>
          Ask
        </button>
        {rag.status === 'pending' && (
          <button type="button" onClick={rag.abort}>
            Stop
          </button>
        )}
      </form>
      <div className="rag-answer" data-status={rag.status} aria-live="polite">
        <Markdown text={answer ? answer.data : rag.streaming.text} />
        {rag.error && <p role="alert">{rag.error.message}</p>}
        {answer && (
          <ul className="rag-sources">
            {answer.documents.map((document) => (
              <li key={document.id} data-referenced={document.meta.referenced === true ? '' : undefined}>
                <strong>[{String(document.meta.source_index)}]</strong> {typeof document.meta.file_name === 'string' ? document.meta.file_name : ''}: {document.content}
              </li>
            ))}
          </ul>
        )}
      </div>
      <details>
        <summary>The pipeline, as Haystack YAML</summary>
        <pre>{yaml}</pre>
        <a href={`data:text/yaml;charset=utf-8,${encodeURIComponent(yaml)}`} download="rag-pipeline.yaml">
          Download
        </a>
      </details>
      <PageCode file="demo/rag-panel.tsx" source={source} />
    </section>
  );
}
