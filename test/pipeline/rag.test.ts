import { describe, expect, it } from 'vitest';
import { ChatMessage, OpenAIChatGenerator, Secret } from '../../src/index.js';
import {
  ChatPromptBuilder,
  Document,
  DocumentSplitter,
  DocumentWriter,
  InMemoryBM25Retriever,
  InMemoryDocumentStore,
  Pipeline,
  dumpsPipeline,
  loadsPipeline,
  registerComponentClasses,
} from '../../src/pipeline/index.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();

const template = [
  ChatMessage.fromSystem('Answer from the documents only.'),
  ChatMessage.fromUser('{% for doc in documents %}- {{ doc.content }}\n{% endfor %}Question: {{ query }}'),
];

describe('RAG in a pipeline', () => {
  it('should index documents, retrieve with BM25 into the prompt, and survive a YAML round trip', async () => {
    const store = new InMemoryDocumentStore({ index: 'rag-test' });
    const indexing = new Pipeline()
      .addComponent('splitter', new DocumentSplitter({ splitBy: 'sentence', splitLength: 1 }))
      .addComponent('writer', new DocumentWriter({ documentStore: store }));
    indexing.connect('splitter.documents', 'writer.documents');
    const written = await indexing.run({
      splitter: {
        documents: [
          new Document({ content: 'BM25 ranks documents by term frequency. Paris is the capital of France.' }),
          new Document({ content: 'Dense retrieval compares embeddings. Köln has a cathedral.' }),
        ],
      },
    });
    expect(written).toEqual({ writer: { documents_written: 4 } });

    const rag = new Pipeline()
      .addComponent('retriever', new InMemoryBM25Retriever({ documentStore: store, topK: 1 }))
      .addComponent('prompt', new ChatPromptBuilder({ template }))
      .addComponent('llm', new OpenAIChatGenerator({ apiKey: Secret.fromEnvVar('RAG_TEST_KEY', { strict: false }), apiBaseUrl: `${server.url}/v1`, maxRetries: 0 }));
    rag.connect('retriever.documents', 'prompt.documents').connect('prompt.prompt', 'llm.messages');

    registerComponentClasses(OpenAIChatGenerator);
    const loaded = loadsPipeline(dumpsPipeline(rag));
    server.enqueue({ jsonFixture: 'openai/text' });
    const result = await loaded.run({ query: 'What does BM25 rank?' }, { includeOutputsFrom: ['retriever'] });
    const [document] = result.retriever!.documents as Document[];
    expect(document!.content).toBe('BM25 ranks documents by term frequency. ');
    const sent = server.requests[0]!.json as { messages: Array<{ role: string; content: string }> };
    expect(sent.messages[1]!.content).toBe('- BM25 ranks documents by term frequency. \nQuestion: What does BM25 rank?');
    expect((result.llm!.replies as ChatMessage[])[0]!.text).toBeTruthy();
  });
});
