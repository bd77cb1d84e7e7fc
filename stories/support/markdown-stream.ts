import { textStream } from '../../test/support/token-stream.js';

/** A sample answer with the markdown a model writes: heading, list, table, code, link. */
export const sampleAnswer = `## BM25 in short

BM25 ranks documents by how well they match the **query terms**:

- term frequency, with *saturation* (\`k1\`)
- inverse document frequency
- length normalisation (\`b\`)

| parameter | default | effect |
| --- | --- | --- |
| k1 | 1.5 | saturation |
| b | 0.75 | length normalisation |

\`\`\`python
from haystack.components.retrievers.in_memory import InMemoryBM25Retriever

retriever = InMemoryBM25Retriever(document_store=store, top_k=5)
\`\`\`

See [the Haystack docs](https://docs.haystack.deepset.ai) for more.`;

/** Splits text into OpenAI chat-completion chunks of a few characters, as a model streams it, with usage at the end. */
export const markdownChunks = (text: string, size = 6): unknown[] => {
  const tokens = Math.ceil(text.length / 4);
  const usage = { id: 'chatcmpl-text', object: 'chat.completion.chunk', created: 1763805600, model: 'gpt-4o-mini-2024-07-18', choices: [], usage: { prompt_tokens: 24, completion_tokens: tokens, total_tokens: 24 + tokens } };
  return [...textStream(text, size), usage];
};
