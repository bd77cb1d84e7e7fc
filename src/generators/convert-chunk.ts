import type { ReasoningContent, StreamingChunk, ToolCallDelta } from '../core/index.js';
import { mapFinishReason } from './finish-reason.js';

/** The parts of an OpenAI-compatible `chat.completion.chunk` hayloft reads; extra fields are ignored. */
export interface WireChunk {
  model?: string | null;
  system_fingerprint?: string | null;
  usage?: unknown;
  choices?: ReadonlyArray<WireChunkChoice> | null;
}

/** One choice of a streamed chunk. */
export interface WireChunkChoice {
  index?: number | null;
  finish_reason?: string | null;
  delta?: WireDelta | null;
}

/** What a choice's delta may carry across OpenAI, Azure, vLLM and TGI. */
export interface WireDelta {
  role?: string | null;
  content?: string | null;
  refusal?: string | null;
  /** vLLM and DeepSeek. */
  reasoning_content?: string | null;
  /** Newer vLLM and OpenRouter. */
  reasoning?: string | null;
  /** An array; some TGI versions send a single object. */
  tool_calls?: ReadonlyArray<WireToolCallDelta> | WireToolCallDelta | null;
}

/** A tool-call fragment; TGI may send a numeric id and an object as arguments. */
export interface WireToolCallDelta {
  index?: number | null;
  id?: string | number | null;
  function?: { name?: string | null; arguments?: unknown } | null;
}

const argumentsText = (value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
};

const noDeltas: ToolCallDelta[] = [];

const toDeltas = (raw: WireDelta['tool_calls']): ToolCallDelta[] => {
  if (raw === undefined || raw === null) return noDeltas;
  const list: readonly WireToolCallDelta[] = Array.isArray(raw) ? (raw as readonly WireToolCallDelta[]) : [raw as WireToolCallDelta];
  return list.map((call, position) => ({
    index: typeof call.index === 'number' ? call.index : position,
    id: call.id === undefined || call.id === null || call.id === '' ? null : String(call.id),
    toolName: call.function?.name ?? null,
    arguments: argumentsText(call.function?.arguments),
  }));
};

/**
 * Converts one provider chunk into hayloft chunks (one per choice; none for Azure's prompt-filter
 * chunks, which have no choices, no usage and an empty model). Keeps the per-stream state needed to
 * mark the first chunk of each content block with `start`.
 */
export class ChunkConverter {
  readonly #startedText = new Set<number>();
  readonly #withToolCalls = new Set<number>();

  /** `receivedAt` tells when the bytes of the chunk being converted arrived (an ISO string). */
  constructor(private readonly receivedAt: () => string = () => new Date().toISOString()) {}

  #lastMeta: Readonly<Record<string, unknown>> | undefined;

  // Most chunks of a stream carry the same meta (same model, choice, read time; no finish reason, no
  // usage): they share one frozen object instead of allocating one each.
  #meta(
    model: string | null,
    index: number,
    finishReason: string | null,
    receivedAt: string,
    usage: unknown,
    fingerprint: string | null,
  ): Readonly<Record<string, unknown>> {
    const last = this.#lastMeta;
    if (
      last !== undefined &&
      last.model === model &&
      last.index === index &&
      last.finish_reason === finishReason &&
      last.received_at === receivedAt &&
      last.usage === usage &&
      (last.system_fingerprint ?? null) === fingerprint
    ) {
      return last;
    }
    const meta: Record<string, unknown> = { model, index, finish_reason: finishReason, received_at: receivedAt, usage };
    if (fingerprint !== null && fingerprint !== '') meta.system_fingerprint = fingerprint;
    this.#lastMeta = Object.freeze(meta);
    return this.#lastMeta;
  }

  convert(chunk: WireChunk): StreamingChunk[] {
    const choices = chunk.choices ?? [];
    const receivedAt = this.receivedAt();
    const model = chunk.model ?? null;
    const usage = chunk.usage ?? null;
    if (choices.length === 0) {
      if (usage === null) return [];
      return [{ content: '', meta: { model, received_at: receivedAt, usage } }];
    }
    const out: StreamingChunk[] = [];
    // An indexed loop: a page's first answer runs this before it is optimised, once per token.
    for (let at = 0; at < choices.length; at += 1) {
      const choice = choices[at] as WireChunkChoice;
      const delta = choice.delta ?? {};
      const rawFinish = choice.finish_reason ?? null;
      const choiceIndex = choice.index ?? 0;
      const deltas = toDeltas(delta.tool_calls);
      const content = delta.content ?? '';
      const reasoningText = delta.reasoning_content ?? delta.reasoning ?? '';
      if (content === '' && deltas.length === 0 && reasoningText === '' && rawFinish === null && usage === null) {
        continue; // role-only, empty or filter-result-only deltas carry nothing to assemble
      }
      const meta = this.#meta(model, choiceIndex, rawFinish, receivedAt, usage, chunk.system_fingerprint ?? null);
      const reasoning: ReasoningContent | null = reasoningText === '' ? null : { type: 'reasoning', reasoningText };
      if (deltas.length > 0) this.#withToolCalls.add(choiceIndex);
      // TGI ends a tool-call stream with `eos_token`; Haystack reports `tool_calls` then.
      const finishReason =
        rawFinish === 'eos_token' && this.#withToolCalls.has(choiceIndex) ? 'tool_calls' : mapFinishReason(rawFinish);
      if (deltas.length > 0) {
        const first = deltas[0] as ToolCallDelta;
        out.push({ content, meta, index: first.index, start: first.toolName !== null, toolCalls: deltas, finishReason, reasoning });
        continue;
      }
      const startsText = content !== '' && !this.#startedText.has(choiceIndex);
      if (startsText) this.#startedText.add(choiceIndex);
      out.push({ content, meta, index: content === '' && reasoning === null ? null : 0, start: startsText, finishReason, reasoning });
    }
    return out;
  }
}
