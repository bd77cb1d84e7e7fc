import { describe, expect, it } from 'vitest';
import { createBM25Tokenizer } from '../../src/pipeline/bm25-tokenizer.js';
import { compilePythonRegex, pythonFindAll } from '../../src/pipeline/compile-python-regex.js';

const findAll = (pattern: string, text: string): string[] => pythonFindAll(compilePythonRegex(pattern))(text);

describe('compilePythonRegex', () => {
  it('should give \\w and \\b Python’s Unicode meaning', () => {
    // Python: re.findall(r"(?u)\b\w\w+\b", "naïve café x 東京 42 _ab") == ['naïve', 'café', '東京', '42', '_ab']
    expect(findAll(String.raw`(?u)\b\w\w+\b`, 'naïve café x 東京 42 _ab')).toEqual(['naïve', 'café', '東京', '42', '_ab']);
    expect(findAll(String.raw`\b\w+\b`, 'é-b')).toEqual(['é', 'b']);
    expect(findAll(String.raw`\w+`, 'ab cd', )).toEqual(['ab', 'cd']);
  });

  it('should translate classes, \\d, \\s, escaped punctuation and named groups', () => {
    expect(findAll(String.raw`[\w-]+`, 'state-of-the-art, ok')).toEqual(['state-of-the-art', 'ok']);
    expect(findAll(String.raw`\d+`, 'a ٣٤ 12')).toEqual(['٣٤', '12']);
    expect(findAll(String.raw`\S+`, 'a\u3000b')).toEqual(['a', 'b']);
    expect(findAll(String.raw`\#\w+`, '#tag #b')).toEqual(['#tag', '#b']);
    expect(findAll(String.raw`(?P<w>\w)(?P=w)`, 'aab')).toEqual(['a']);
    expect(findAll(String.raw`(?a)\w+`, 'née')).toEqual(['n', 'e']);
  });

  it('should return the capture group’s text, as re.findall does with one group', () => {
    expect(findAll(String.raw`(\w+)@`, 'ann@ bob@')).toEqual(['ann', 'bob']);
    expect(() => findAll(String.raw`(\w)(\w)`, 'ab')).toThrow(/non-capturing groups/);
  });

  it('should refuse what it cannot translate, with a ConfigError', () => {
    expect(() => compilePythonRegex(String.raw`(?x) \w+`)).toThrow(/not supported/);
    expect(() => compilePythonRegex(String.raw`[\W]`)).toThrow(/inside \[...\]/);
    expect(() => compilePythonRegex('(')).toThrow(/could not be used/);
  });
});

describe('createBM25Tokenizer', () => {
  it('should lowercase and keep runs of two or more word characters by default', () => {
    const tokenize = createBM25Tokenizer(String.raw`(?u)\b\w\w+\b`);
    expect(tokenize('The QUICK fox, a 2x-speed Straße; A I')).toEqual(['the', 'quick', 'fox', '2x', 'speed', 'straße']);
  });

  it('should agree with the translated regex on the fast path', () => {
    const text = 'Hello wörld, x_y 東京 ab-c 9 ÉCOLE naïve\u0301 z';
    expect(createBM25Tokenizer(String.raw`(?u)\b\w\w+\b`)(text)).toEqual(findAll(String.raw`(?u)\b\w\w+\b`, text.toLowerCase()));
    expect(createBM25Tokenizer(String.raw`(?u)\b\w+\b`)(text)).toEqual(findAll(String.raw`(?u)\b\w+\b`, text.toLowerCase()));
  });
});
