import { expect, it } from 'vitest';
import { StreamAssembler, type StreamingChunk } from '../src/index.js';
import { median, pairedSamples, writeResult } from './support/stats.js';

// Chunks are made as a stream makes them, one at a time and then dropped, rather than all held in an
// array first: 100,000 live input objects would measure the CPU cache, not the assembler.
// A realistic mix: a reasoning prelude, mostly text, and one tool call whose arguments stream in pieces.
const chunkAt = (i: number, count: number): StreamingChunk => {
  const meta = { model: 'bench', index: 0, received_at: '2026-11-22T10:00:00.000Z' };
  if (i < count / 20) return { content: '', meta, reasoning: { type: 'reasoning', reasoningText: ` r${digits(i)}` } };
  const toolStart = count - Math.floor(count / 10);
  if (i === toolStart) return { content: '', meta, toolCalls: [{ index: 0, id: 'c', toolName: 't', arguments: '{"q":"' }] };
  if (i > toolStart) return { content: '', meta, toolCalls: [{ index: 0, arguments: i === count - 1 ? `${digits(i)}"}` : digits(i) }] };
  return { content: token(i), meta };
};

// Every variable piece has the same length at both sizes: the digits of i would make the pieces of a
// 100,000-chunk stream longer, and the benchmark would measure bytes instead of chunks.
const digits = (i: number): string => String(i % 10_000).padStart(4, '0');
const token = (i: number): string => ` token${digits(i)}`;

const assemble = (count: number): void => {
  const assembler = new StreamAssembler();
  for (let i = 0; i < count; i += 1) assembler.push(chunkAt(i, count));
  const [reply] = assembler.finish({ completed: true });
  if (reply?.toolCalls.length !== 1 || !reply.text?.endsWith(token(count - Math.floor(count / 10) - 1))) {
    throw new Error('the assembler lost part of the stream');
  }
};

// Each sample assembles 100,000 chunks in all (ten streams of 10,000, or one of 100,000), so both
// sizes make the same garbage and pay the same collector; only the stream's length differs.
const nsPerChunk = (count: number): number => {
  const streams = 100_000 / count;
  const started = process.hrtime.bigint();
  for (let s = 0; s < streams; s += 1) assemble(count);
  return Number(process.hrtime.bigint() - started) / 100_000;
};

it('stream assembler: time per chunk at 100,000 chunks within 1.2x of 10,000', () => {
  const { small, large, ratio } = pairedSamples(() => nsPerChunk(10_000), () => nsPerChunk(100_000), 41, 5);
  writeResult({
    name: 'stream-assembler-linearity',
    target: 'ns/chunk at 100,000 chunks <= 1.2x ns/chunk at 10,000 (median of paired ratios)',
    met: ratio <= 1.2,
    metrics: { ns_per_chunk_10k: median(small), ns_per_chunk_100k: median(large), ratio, pairs: small.length },
  });
  expect(ratio).toBeLessThanOrEqual(1.2);
});
