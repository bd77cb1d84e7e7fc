import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import { Document } from '../../src/pipeline/document.js';
import { pythonFloatRepr, pythonRepr, pythonStringRepr } from '../../src/pipeline/python-repr.js';
import { sha256Hex } from '../../src/pipeline/sha256.js';

// The ids below were printed by Haystack 2.31's own Document class (Python 3.11).
const haystackIds = {
  hello: '75e6bf62ccc91f4fa42d23157702097a65fe510cb185891d52690b3a2d20772f',
  empty: 'd4675c57fcfe114db0b95f1da46eea3c5d6f5729c17d01fb5251ae19830a3455',
  nullWithMeta: '176649bd31b8417a74f239cd57b944b5c8ef08a19c4efae6748a32d522b14594',
  rich: '15059471ce72fc41ed553805e173f5ff291d02b82b9de698723a013c1c5ccca8',
  sparse: 'e022fd550c77d20fe50032dc32130861f9ae2dfb2386c3647e1f64392557e619',
  metaBA: 'ea94fff4740799b2db38e1e6589d7a322316b62d4c3311d7589fab1f2d414f4e',
  metaAB: '47c37eaa94caf7068d5ce744b2083f1d4f51e7c14bce01f9f9a27d2a5eeefb38',
};

const rich = (): Document =>
  new Document({
    content: "Grüße, it's 😀",
    meta: { lang: 'de', n: 2, f: 0.5, ok: true, none: null, tags: ['a', "b'c"], nested: { x: 1e-5 } },
    embedding: [0.1, 1.0, -2.5],
  });

describe('sha256Hex', () => {
  it('should match node:crypto on padding boundaries and multi-byte text', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'héllo 😀 wörld', 'x'.repeat(10_000)]) {
      expect(sha256Hex(text), `length ${text.length}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('pythonRepr', () => {
  it('should print floats as Python repr does', () => {
    expect([0.1, 1, 1e16, 1e15, 1e-4, 1e-5, 1.5e-7, -2.5, 5e-324, 123456789.125, -0].map(pythonFloatRepr)).toEqual([
      '0.1', '1.0', '1e+16', '1000000000000000.0', '0.0001', '1e-05', '1.5e-07', '-2.5', '5e-324', '123456789.125', '-0.0',
    ]);
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(pythonFloatRepr)).toEqual(['nan', 'inf', '-inf']);
  });

  it('should quote and escape strings as Python repr does', () => {
    expect(pythonStringRepr("it's")).toBe(`"it's"`);
    expect(pythonStringRepr(`say "hi"`)).toBe(`'say "hi"'`);
    expect(pythonStringRepr(`both ' and "`)).toBe(`'both \\' and "'`);
    expect(pythonStringRepr('tab\tnl\ncr\rbs\\')).toBe(`'tab\\tnl\\ncr\\rbs\\\\'`);
    expect(pythonStringRepr('\x00\x7f é 中 😀 \u00a0 \u200b')).toBe(`'\\x00\\x7f é 中 😀 \\xa0 \\u200b'`);
  });

  it('should print JSON-like values with int/float and True/None spelled as Python does', () => {
    expect(pythonRepr({ a: 1, b: [2.5, null, true, false], c: { d: 'e' } })).toBe("{'a': 1, 'b': [2.5, None, True, False], 'c': {'d': 'e'}}");
    expect(pythonRepr([1, 2], { floats: true })).toBe('[1.0, 2.0]');
    expect(pythonRepr(2 ** 60)).toBe('1152921504606846976');
  });
});

describe('Document', () => {
  it('should derive the same id as Haystack 2 for content, meta, embedding and sparse embedding', () => {
    expect(new Document({ content: 'hello' }).id).toBe(haystackIds.hello);
    // 'hello' + str(None) for dataframe, blob, mime_type + '{}' for meta + 'None' for the embedding.
    expect(sha256Hex('helloNoneNoneNone{}None')).toBe(haystackIds.hello);
    expect(rich().id).toBe(haystackIds.rich);
    expect(new Document({ content: 'x', sparseEmbedding: { indices: [0, 3], values: [0.5, 1] } }).id).toBe(haystackIds.sparse);
  });

  it('should hash empty content like no content, and meta in insertion order as Haystack 2 does', () => {
    expect(new Document({ content: '' }).id).toBe(haystackIds.empty);
    expect(new Document().id).toBe(haystackIds.empty);
    expect(new Document({ meta: { a: 1 } }).id).toBe(haystackIds.nullWithMeta);
    expect(new Document({ content: 'x', meta: { b: 1, a: 2 } }).id).toBe(haystackIds.metaBA);
    expect(new Document({ content: 'x', meta: { a: 2, b: 1 } }).id).toBe(haystackIds.metaAB);
  });

  it('should keep an explicit id and keep the id when copied with another score', () => {
    const doc = new Document({ id: 'mine', content: 'x' });
    expect(doc.id).toBe('mine');
    const scored = rich().withScore(0.5);
    expect(scored.id).toBe(haystackIds.rich);
    expect(scored.score).toBe(0.5);
    expect(rich().with({ content: 'other' }).id).toBe(haystackIds.rich);
    expect(rich().with({ id: '', content: 'other' }).id).not.toBe(haystackIds.rich);
  });

  it('should be immutable, including a copy of the meta it was given', () => {
    const meta = { tags: ['a'] };
    const doc = new Document({ content: 'x', meta });
    meta.tags.push('b');
    expect(doc.meta).toEqual({ tags: ['a'] });
    expect(Object.isFrozen(doc) && Object.isFrozen(doc.meta) && Object.isFrozen(doc.meta.tags)).toBe(true);
  });

  it('should write Haystack’s flattened dict by default, meta keys first', () => {
    const dict = rich().toDict();
    expect(Object.keys(dict)).toEqual(['lang', 'n', 'f', 'ok', 'none', 'tags', 'nested', 'id', 'content', 'blob', 'score', 'embedding', 'sparse_embedding']);
    expect(dict).toEqual({
      lang: 'de', n: 2, f: 0.5, ok: true, none: null, tags: ['a', "b'c"], nested: { x: 1e-5 },
      id: haystackIds.rich, content: "Grüße, it's 😀", blob: null, score: null, embedding: [0.1, 1, -2.5], sparse_embedding: null,
    });
  });

  it('should keep meta keys named like fields nested under meta when flattening', () => {
    const doc = new Document({ content: 'x', score: 1, meta: { score: 'meta-score', page: 2 } });
    expect(doc.toDict()).toMatchObject({ page: 2, score: 1, meta: { score: 'meta-score' } });
    expect(Document.fromDict(doc.toDict()).meta).toEqual({ score: 'meta-score', page: 2 });
  });

  it('should round-trip flattened and nested dicts with the same id', () => {
    for (const dict of [rich().toDict(), rich().toDict(false)]) {
      const back = Document.fromDict(JSON.parse(JSON.stringify(dict)));
      expect(back.toDict(false)).toEqual(rich().toDict(false));
    }
    expect(rich().toDict(false)).toMatchObject({ meta: { lang: 'de' }, blob: null });
  });

  it('should read a dict without id by deriving it, and drop legacy fields', () => {
    const doc = Document.fromDict({ content: 'hello', content_type: 'text', id_hash_keys: ['content'], dataframe: null });
    expect(doc.id).toBe(haystackIds.hello);
    expect(doc.meta).toEqual({});
  });

  it('should refuse what it cannot hold, saying what to do', () => {
    expect(() => Document.fromDict({ content: 'x', blob: { data: [1], mime_type: 'image/png' } })).toThrow(/hold no blob/);
    expect(() => new Document({ content: 5 as unknown as string })).toThrow(ConfigError);
    expect(() => new Document({ embedding: ['a'] as unknown as number[] })).toThrow(/list of numbers/);
    expect(() => new Document({ sparseEmbedding: { indices: [1], values: [] } })).toThrow(/as many indices as values/);
    expect(() => Document.fromDict('x')).toThrow(/needs an object/);
  });
});
