import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import { applyFilterPolicy, parseFilterPolicy } from '../../src/pipeline/apply-filter-policy.js';
import { Document } from '../../src/pipeline/document.js';
import { FilterError, documentMatchesFilter, pythonEquals, type Filter } from '../../src/pipeline/filters.js';
import { compareFilterDates, parseFilterDate } from '../../src/pipeline/parse-filter-date.js';

// The corpus and the expected indices were also run through Haystack 2.31's filter_documents: the same documents match.
const docs = [
  new Document({ content: 'a', meta: { n: 1, s: 'x', b: true, d: '2021-05-01', dz: '2021-05-01T10:00:00+02:00', l: [1, 2], o: { p: { q: 3 } } } }),
  new Document({ content: 'b', meta: { n: 2.5, s: 'y', b: false, d: '2022-01-01T00:00:00', dz: '2021-05-01T09:30:00Z', o: { p: null } } }),
  new Document({ content: 'c', meta: { n: null, s: '1' } }),
  new Document({ content: null, meta: { n: 0, s: 'x' } }),
  new Document({ content: 'e', meta: { n: true, name: 'legacy' } }),
];

const matching = (filter: unknown): number[] =>
  docs.flatMap((doc, index) => (documentMatchesFilter(filter as Filter, doc) ? [index] : []));

describe('documentMatchesFilter', () => {
  it('should compare with == and != as Python does (true == 1, missing reads as null)', () => {
    expect(matching({ field: 'meta.n', operator: '==', value: 1 })).toEqual([0, 4]);
    expect(matching({ field: 'meta.n', operator: '==', value: true })).toEqual([0, 4]);
    expect(matching({ field: 'meta.n', operator: '!=', value: 1 })).toEqual([1, 2, 3]);
    expect(matching({ field: 'meta.n', operator: '==', value: null })).toEqual([2]);
    expect(matching({ field: 'meta.missing', operator: '==', value: null })).toEqual([0, 1, 2, 3, 4]);
    expect(matching({ field: 'meta.missing', operator: '!=', value: 'x' })).toEqual([0, 1, 2, 3, 4]);
  });

  it('should order numbers with >, >=, <, <= and never match null on either side', () => {
    expect(matching({ field: 'meta.n', operator: '>', value: 1 })).toEqual([1]);
    expect(matching({ field: 'meta.n', operator: '>=', value: 1 })).toEqual([0, 1, 4]);
    expect(matching({ field: 'meta.n', operator: '<', value: 2.5 })).toEqual([0, 3, 4]);
    expect(matching({ field: 'meta.n', operator: '<=', value: 0 })).toEqual([3]);
    expect(matching({ field: 'meta.n', operator: '>', value: null })).toEqual([]);
  });

  it('should order strings as ISO dates, giving a naive date the other side’s time zone', () => {
    expect(matching({ field: 'meta.d', operator: '>', value: '2021-12-31' })).toEqual([1]);
    expect(matching({ field: 'meta.d', operator: '<=', value: '2021-05-01T00:00:00' })).toEqual([0]);
    // doc 0: 10:00+02:00 = 08:00Z, not after 08:00Z; doc 1: 09:30Z is.
    expect(matching({ field: 'meta.dz', operator: '>', value: '2021-05-01T08:00:00Z' })).toEqual([1]);
    // Naive 09:00 becomes 09:00+02:00 = 07:00Z against doc 0 and 09:00Z against doc 1: neither is earlier.
    expect(matching({ field: 'meta.dz', operator: '<', value: '2021-05-01T09:00:00' })).toEqual([]);
  });

  it('should test membership with in and not in', () => {
    expect(matching({ field: 'meta.s', operator: 'in', value: ['x', '1'] })).toEqual([0, 2, 3]);
    expect(matching({ field: 'meta.n', operator: 'in', value: [1, 0] })).toEqual([0, 3, 4]);
    expect(matching({ field: 'meta.s', operator: 'not in', value: ['x'] })).toEqual([1, 2, 4]);
  });

  it('should compare lists and dicts deeply and walk nested meta paths', () => {
    expect(matching({ field: 'meta.l', operator: '==', value: [1, 2] })).toEqual([0]);
    expect(matching({ field: 'meta.o.p.q', operator: '==', value: 3 })).toEqual([0]);
    expect(matching({ field: 'meta.o.p.q', operator: '==', value: null })).toEqual([1, 2, 3, 4]);
    expect(matching({ field: 'meta.o', operator: '==', value: { p: { q: 3 } } })).toEqual([0]);
  });

  it('should read document fields, and a bare unknown name as a meta key (legacy filters)', () => {
    expect(matching({ field: 'content', operator: '!=', value: null })).toEqual([0, 1, 2, 4]);
    expect(matching({ field: 'content', operator: 'in', value: ['a', 'c'] })).toEqual([0, 2]);
    expect(matching({ field: 'name', operator: '==', value: 'legacy' })).toEqual([4]);
    expect(matching({ field: 'id', operator: '==', value: docs[1]!.id })).toEqual([1]);
    expect(matching({ field: 'score', operator: '==', value: null })).toEqual([0, 1, 2, 3, 4]);
  });

  it('should combine with AND, OR and NOT (the negated AND), nested', () => {
    const isX = { field: 'meta.s', operator: '==', value: 'x' };
    expect(matching({ operator: 'AND', conditions: [isX, { field: 'content', operator: '!=', value: null }] })).toEqual([0]);
    expect(matching({ operator: 'OR', conditions: [{ field: 'meta.s', operator: '==', value: 'y' }, { field: 'meta.n', operator: '==', value: null }] })).toEqual([1, 2]);
    expect(matching({ operator: 'NOT', conditions: [isX, { field: 'meta.n', operator: '==', value: 0 }] })).toEqual([0, 1, 2, 4]);
    const nested = {
      operator: 'AND',
      conditions: [
        { operator: 'OR', conditions: [{ field: 'meta.n', operator: '>', value: 2 }, { field: 'meta.s', operator: '==', value: '1' }] },
        { operator: 'NOT', conditions: [{ field: 'meta.b', operator: '==', value: false }] },
      ],
    };
    expect(matching(nested)).toEqual([2]);
    expect(matching({ operator: 'AND', conditions: [] })).toEqual([0, 1, 2, 3, 4]);
    expect(matching({ operator: 'OR', conditions: [] })).toEqual([]);
  });

  it('should throw FilterError where Haystack does: non-date strings, lists, membership without a list', () => {
    const first = [docs[0]!];
    const error = (filter: unknown): unknown => {
      try {
        first.forEach((doc) => documentMatchesFilter(filter as Filter, doc));
      } catch (caught) {
        return caught;
      }
      return undefined;
    };
    expect(error({ field: 'meta.s', operator: '>', value: 'x' })).toBeInstanceOf(FilterError);
    expect(error({ field: 'meta.s', operator: '>', value: 'x' })).toMatchObject({ message: expect.stringMatching(/only comparable if they are ISO formatted dates/) });
    expect(error({ field: 'meta.n', operator: '>', value: '2021-01-01' })).toBeInstanceOf(FilterError);
    expect(error({ field: 'meta.n', operator: '>', value: [1] })).toMatchObject({ message: expect.stringMatching(/can't be a list/) });
    expect(error({ field: 'meta.s', operator: 'in', value: 'x' })).toMatchObject({ message: expect.stringMatching(/must be a list/) });
    // Python raises a TypeError here; hayloft reports it as a FilterError too.
    expect(error({ field: 'meta.l', operator: '>', value: 1 })).toMatchObject({ message: expect.stringMatching(/between a list and a number/) });
    expect(ConfigError.isInstance(error({ field: 'meta.s', operator: '>', value: 'x' }))).toBe(true);
  });

  it('should throw FilterError naming what is malformed', () => {
    const run = (filter: unknown) => () => documentMatchesFilter(filter as Filter, docs[0]!);
    expect(run({ field: 'meta.n', operator: '~', value: 1 })).toThrow(/Unknown comparison operator "~"/);
    expect(run({ field: 'meta.n', operator: '==' })).toThrow(/'value' key missing/);
    expect(run({ field: 'meta.n', value: 1 })).toThrow(/'operator' key missing/);
    expect(run({ operator: 'XOR', conditions: [] })).toThrow(/Unknown logical operator "XOR"/);
    expect(run({ operator: 'AND' })).toThrow(/'conditions' key missing/);
    expect(run({ conditions: [] })).toThrow(/'operator' key missing/);
    expect(run({ field: 'lang.x', operator: '==', value: 1 })).toThrow(/'meta.lang.x'/);
  });
});

describe('pythonEquals', () => {
  it('should follow Python equality for JSON values', () => {
    expect(pythonEquals(1, 1.0)).toBe(true);
    expect(pythonEquals(false, 0)).toBe(true);
    expect(pythonEquals('1', 1)).toBe(false);
    expect(pythonEquals(null, undefined)).toBe(true);
    expect(pythonEquals({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(pythonEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(pythonEquals([1, 2], [2, 1])).toBe(false);
  });
});

describe('parseFilterDate', () => {
  it('should read the ISO 8601 forms datetime.fromisoformat reads and refuse others', () => {
    expect(parseFilterDate('2024-02-29')).toEqual({ wallMs: Date.UTC(2024, 1, 29), micros: 0, offsetMs: null });
    expect(parseFilterDate('20240229T1230')).toEqual({ wallMs: Date.UTC(2024, 1, 29, 12, 30), micros: 0, offsetMs: null });
    expect(parseFilterDate('2024-01-01 10:00:00.123456-05:30')).toEqual({ wallMs: Date.UTC(2024, 0, 1, 10, 0, 0, 123), micros: 456, offsetMs: -19_800_000 });
    expect(parseFilterDate('2023-02-29')).toBeNull();
    expect(parseFilterDate('Jan 1 2020')).toBeNull();
    expect(parseFilterDate('2020')).toBeNull();
  });

  it('should order aware dates by instant and microseconds after milliseconds', () => {
    const date = (text: string) => parseFilterDate(text)!;
    expect(compareFilterDates(date('2021-01-01T10:00:00+02:00'), date('2021-01-01T08:30:00Z'))).toBeLessThan(0);
    expect(compareFilterDates(date('2021-01-01T00:00:00.000002'), date('2021-01-01T00:00:00.000001'))).toBeGreaterThan(0);
  });
});

describe('applyFilterPolicy', () => {
  const type = { field: 'meta.type', operator: '==', value: 'article' } as const;
  const rating = { field: 'meta.rating', operator: '>=', value: 3 } as const;
  const otherType = { field: 'meta.type', operator: '==', value: 'blog' } as const;

  it('should let run-time filters replace init filters under replace, and fall back to init ones', () => {
    expect(applyFilterPolicy('replace', type, rating)).toEqual(rating);
    expect(applyFilterPolicy('replace', type, null)).toEqual(type);
    expect(applyFilterPolicy('merge', type, {} as Filter)).toEqual(type);
  });

  it('should AND two comparisons on different fields, and keep the run-time one on the same field', () => {
    expect(applyFilterPolicy('merge', type, rating)).toEqual({ operator: 'AND', conditions: [type, rating] });
    expect(applyFilterPolicy('merge', type, otherType)).toEqual(otherType);
  });

  it('should join comparisons into logical filters of the default operator, run-time winning per field', () => {
    const logical: Filter = { operator: 'AND', conditions: [type, rating] };
    expect(applyFilterPolicy('merge', logical, otherType)).toEqual({ operator: 'AND', conditions: [rating, otherType] });
    expect(applyFilterPolicy('merge', otherType, logical)).toEqual(logical);
    expect(applyFilterPolicy('merge', rating, { operator: 'AND', conditions: [type] })).toEqual({ operator: 'AND', conditions: [type, rating] });
    expect(applyFilterPolicy('merge', rating, { operator: 'OR', conditions: [type] })).toEqual({ operator: 'OR', conditions: [type] });
    expect(logical.conditions).toHaveLength(2);
  });

  it('should pool the conditions of two logical filters with the same operator only', () => {
    expect(applyFilterPolicy('merge', { operator: 'AND', conditions: [type] }, { operator: 'AND', conditions: [rating] })).toEqual({ operator: 'AND', conditions: [type, rating] });
    expect(applyFilterPolicy('merge', { operator: 'AND', conditions: [type] }, { operator: 'OR', conditions: [rating] })).toEqual({ operator: 'OR', conditions: [rating] });
  });

  it('should read policies case-insensitively and reject others', () => {
    expect(parseFilterPolicy('MERGE')).toBe('merge');
    expect(() => parseFilterPolicy('union')).toThrow(/Supported types are: 'replace', 'merge'/);
  });
});
