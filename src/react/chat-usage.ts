import type { ChatMessage } from '../core/index.js';
import type { ChatThread } from './chat-store.js';

/** Tokens spent, as the provider counted them. */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** Usage of a thread: tokens over every answer in it (all branches: they were all paid for). */
export interface ThreadUsage extends TokenUsage {
  /** Time to first token of the latest answer that has one, in ms; null before any. */
  readonly lastTimeToFirstTokenMs: number | null;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * The usage in a message's `meta.usage` (OpenAI's `prompt_tokens`/`completion_tokens` shape, which
 * every generator in hayloft reports), or null when the provider sent none.
 */
export const messageUsage = (message: ChatMessage): TokenUsage | null => {
  const usage = message.meta.usage;
  if (typeof usage !== 'object' || usage === null) return null;
  const raw = usage as Record<string, unknown>;
  const promptTokens = count(raw.prompt_tokens);
  const completionTokens = count(raw.completion_tokens);
  return { promptTokens, completionTokens, totalTokens: count(raw.total_tokens) || promptTokens + completionTokens };
};

const usageCache = new WeakMap<ChatThread, ThreadUsage>();

/** Sums the usage of every assistant message in a thread; the same object for the same thread. */
export const threadUsage = (thread: ChatThread): ThreadUsage => {
  const cached = usageCache.get(thread);
  if (cached) return cached;
  let promptTokens = 0;
  let completionTokens = 0;
  let totalTokens = 0;
  let lastTimeToFirstTokenMs: number | null = null;
  let latest = -Infinity;
  for (const node of Object.values(thread.nodes)) {
    const usage = messageUsage(node.message);
    if (usage) {
      promptTokens += usage.promptTokens;
      completionTokens += usage.completionTokens;
      totalTokens += usage.totalTokens;
    }
    const ttft = node.message.meta.time_to_first_token_ms;
    const at = count(node.message.meta.finished_at);
    if (typeof ttft === 'number' && at >= latest) {
      latest = at;
      lastTimeToFirstTokenMs = ttft;
    }
  }
  const result: ThreadUsage = Object.freeze({ promptTokens, completionTokens, totalTokens, lastTimeToFirstTokenMs });
  usageCache.set(thread, result);
  return result;
};
