/**
 * A chat-completions stream of `count` small tokens in OpenAI's chunk format (as in
 * test/fixtures/openai/text.chunks.txt), with a paragraph break every `paragraph` tokens and usage at
 * the end: long streams for render and load tests, without a fixture file of thousands of lines.
 */
export const tokenStream = (count: number, paragraph = 50): unknown[] => {
  const base = { id: 'chatcmpl-long', object: 'chat.completion.chunk', created: 1763805600, model: 'gpt-4o-mini-2024-07-18', system_fingerprint: 'fp_34a54ae93c' };
  const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], usage: null }];
  for (let i = 0; i < count; i += 1) {
    const content = (i + 1) % paragraph === 0 ? `w${i}\n\n` : `w${i} `;
    chunks.push({ ...base, choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }], usage: null });
  }
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null });
  chunks.push({ ...base, choices: [], usage: { prompt_tokens: 12, completion_tokens: count, total_tokens: count + 12 } });
  return chunks;
};

/** The text {@link tokenStream} spells. */
export const tokenStreamText = (count: number, paragraph = 50): string =>
  Array.from({ length: count }, (_, i) => ((i + 1) % paragraph === 0 ? `w${i}\n\n` : `w${i} `)).join('');

/** A given text as a chat-completions stream, a few characters per chunk. */
export const textStream = (text: string, size = 6): unknown[] => {
  const base = { id: 'chatcmpl-text', object: 'chat.completion.chunk', created: 1763805600, model: 'gpt-4o-mini-2024-07-18' };
  const chunks: unknown[] = [{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }] }];
  for (let i = 0; i < text.length; i += size) chunks.push({ ...base, choices: [{ index: 0, delta: { content: text.slice(i, i + size) }, logprobs: null, finish_reason: null }] });
  chunks.push({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] });
  return chunks;
};
