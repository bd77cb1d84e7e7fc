import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplyStreamer, type StreamingTokenizer } from '../../src/local/reply-streamer.js';
import { writeTinyModels } from '../fixtures/tiny-model.js';

let dir: string;
let tokenizer: StreamingTokenizer & { encode(text: string, options?: { add_special_tokens?: boolean }): number[] };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hayloft-tiny-'));
  writeTinyModels(dir);
  env.allowRemoteModels = false;
  env.localModelPath = `${dir}/`;
  tokenizer = await AutoTokenizer.from_pretrained('hayloft-tiny-chat');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Feeds `text` to a streamer token by token (after a prompt), as generate() does; returns what it emitted per token. */
const stream = (text: string, stopWords: string[] = []) => {
  const pieces: string[] = [];
  let stopped = 0;
  const streamer = new ReplyStreamer(tokenizer, { onText: (piece) => pieces.push(piece), onStopWord: () => (stopped += 1), stopWords, eosTokenIds: [2n] });
  streamer.put([[1n, 5n, 6n]]);
  const perToken: number[] = [];
  for (const id of tokenizer.encode(text, { add_special_tokens: false })) {
    const before = pieces.length;
    streamer.put([[BigInt(id)]]);
    perToken.push(pieces.length - before);
  }
  streamer.end();
  return { pieces, perToken, stopped, streamer };
};

describe('ReplyStreamer', () => {
  it('should emit text per token and nothing for the prompt', () => {
    const { pieces, streamer } = stream('Hello from the tiny model.');
    expect(pieces).toEqual(['Hello', ' from', ' the', ' tiny', ' model', '.']);
    expect(streamer.tokens).toBe(6);
    expect(streamer.text).toBe('Hello from the tiny model.');
  });

  it('should hold back a character split over byte tokens until its last byte arrives', () => {
    // "ü" is two bytes, "€" three, "🌾" four: byte-level tokens without merges, one token per byte.
    const { pieces, perToken } = stream('ü€🌾!');
    expect(pieces).toEqual(['ü', '€', '🌾', '!']);
    expect(perToken).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 1, 1]);
  });

  it('should cut the reply at a stop word that spans tokens, emitting nothing of it', () => {
    const { pieces, stopped, streamer } = stream('Hello from the tiny model.', ['the ti']);
    expect(pieces.join('')).toBe('Hello from ');
    expect(stopped).toBe(1);
    expect(streamer.stoppedByWord).toBe(true);
  });

  it('should release held-back text that did not become a stop word', () => {
    const { pieces, stopped } = stream('Hello from the tiny model.', ['the end']);
    expect(pieces.join('')).toBe('Hello from the tiny model.');
    expect(stopped).toBe(0);
  });

  it('should count the end-of-sequence token without emitting it', () => {
    const pieces: string[] = [];
    const streamer = new ReplyStreamer(tokenizer, { onText: (piece) => pieces.push(piece), onStopWord: () => undefined, stopWords: [], eosTokenIds: [2n] });
    streamer.put([[1n]]);
    streamer.put([[259n]]);
    streamer.put([[2n]]);
    streamer.end();
    expect(pieces).toEqual(['Hello']);
    expect(streamer.tokens).toBe(2);
    expect(streamer.sawEos).toBe(true);
  });
});
