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

/** Splits text into OpenAI chat-completion chunks of a few characters, as a model streams it. */
export const markdownChunks = (text: string, size = 6): unknown[] => {
  const base = { id: 'chatcmpl-story', object: 'chat.completion.chunk', created: 1763805600, model: 'gpt-4o-mini-2024-07-18' };
  const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }];
  for (let i = 0; i < text.length; i += size) {
    chunks.push({ ...base, choices: [{ index: 0, delta: { content: text.slice(i, i + size) }, finish_reason: null }] });
  }
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  chunks.push({ ...base, choices: [], usage: { prompt_tokens: 24, completion_tokens: Math.ceil(text.length / 4), total_tokens: 24 + Math.ceil(text.length / 4) } });
  return chunks;
};
