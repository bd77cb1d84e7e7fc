/**
 * Haystack 2's metadata filters (`haystack/utils/filters.py`), evaluated against a {@link Document}.
 *
 * A comparison is `{ field: 'meta.genre', operator: '==', value: 'news' }`; a logical filter is
 * `{ operator: 'AND' | 'OR' | 'NOT', conditions: [...] }` and nests. Semantics follow Haystack's:
 * a missing field reads as null; `==`/`in` compare as Python's `==` (so `true == 1`); the ordering
 * operators are false when either side is null, compare strings only as ISO dates, and throw a
 * {@link FilterError} for a list value or for values of kinds Python cannot order.
 */
import { ConfigError } from '../core/index.js';
import type { Document } from './document.js';
import { compareFilterDates, filterDateFromDate, parseFilterDate, type FilterDate } from './parse-filter-date.js';

/** The comparison operators. */
export type ComparisonOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'not in';
/** The logical operators; `NOT` negates the AND of its conditions. */
export type LogicalOperator = 'AND' | 'OR' | 'NOT';

/** Compares one field with a value; `field` is `meta.x.y`, `content`, `id`, `score`, or a bare meta key. */
export interface ComparisonFilter {
  field: string;
  operator: ComparisonOperator;
  value: unknown;
}

/** Combines conditions. */
export interface LogicalFilter {
  operator: LogicalOperator;
  conditions: Filter[];
}

/** A Haystack 2 filter. */
export type Filter = ComparisonFilter | LogicalFilter;

/**
 * A filter is malformed, or its value cannot be compared as asked (Haystack's `FilterError`).
 *
 * @example
 * try { store.filterDocuments(filters); } catch (error) { if (error instanceof FilterError) showFilterHelp(error.message); }
 */
export class FilterError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

const syntaxHelp = 'See https://docs.haystack.deepset.ai/docs/metadata-filtering for the filter syntax.';
const comparisonOperators: readonly string[] = ['==', '!=', '>', '>=', '<', '<=', 'in', 'not in'];
const logicalOperators: readonly string[] = ['AND', 'OR', 'NOT'];
const documentFields: readonly string[] = ['id', 'content', 'blob', 'meta', 'score', 'embedding', 'sparse_embedding'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: unknown): string => JSON.stringify(value) ?? String(value);

/** Throws unless `filters` is empty or has Haystack's top-level shape (an `operator`, with `conditions` or a `field`). */
export const validateFilters = (filters: unknown): void => {
  if (filters === undefined || filters === null) return;
  if (!isRecord(filters)) throw new FilterError(`Filters must be an object, got ${show(filters)}. ${syntaxHelp}`);
  if (Object.keys(filters).length > 0 && !('operator' in filters)) {
    throw new FilterError(`Invalid filter syntax: ${show(filters)} has no 'operator'. Legacy filters like { genre: 'news' } must be rewritten as { field: 'meta.genre', operator: '==', value: 'news' }. ${syntaxHelp}`);
  }
};

/** Whether `document` matches `filters`; throws {@link FilterError} for malformed filters. */
export const documentMatchesFilter = (filters: Filter, document: Document): boolean => matches(filters, document);

const matches = (condition: unknown, document: Document): boolean => {
  if (!isRecord(condition)) throw new FilterError(`A filter condition must be an object, got ${show(condition)}. ${syntaxHelp}`);
  return 'field' in condition ? compare(condition, document) : combine(condition, document);
};

const combine = (condition: Record<string, unknown>, document: Document): boolean => {
  const { operator, conditions } = condition;
  if (operator === undefined) throw new FilterError(`'operator' key missing in ${show(condition)}. ${syntaxHelp}`);
  if (conditions === undefined) throw new FilterError(`'conditions' key missing in ${show(condition)}: a logical filter needs a list of conditions. ${syntaxHelp}`);
  if (typeof operator !== 'string' || !logicalOperators.includes(operator)) {
    throw new FilterError(`Unknown logical operator ${show(operator)}. Valid operators are: ${logicalOperators.join(', ')}.`);
  }
  if (!Array.isArray(conditions)) throw new FilterError(`'conditions' must be a list in ${show(condition)}.`);
  if (operator === 'OR') return conditions.some((item) => matches(item, document));
  const all = conditions.every((item) => matches(item, document));
  return operator === 'NOT' ? !all : all;
};

const compare = (condition: Record<string, unknown>, document: Document): boolean => {
  const { field, operator } = condition;
  if (operator === undefined) throw new FilterError(`'operator' key missing in ${show(condition)}. ${syntaxHelp}`);
  if (!('value' in condition)) throw new FilterError(`'value' key missing in ${show(condition)}. ${syntaxHelp}`);
  if (typeof field !== 'string') throw new FilterError(`'field' must be a string such as 'meta.genre' in ${show(condition)}.`);
  const documentValue = readField(document, field);
  if (typeof operator !== 'string' || !comparisonOperators.includes(operator)) {
    throw new FilterError(`Unknown comparison operator ${show(operator)}. Valid operators are: ${comparisonOperators.join(', ')}.`);
  }
  const filterValue = condition.value;
  switch (operator as ComparisonOperator) {
    case '==':
      return pythonEquals(documentValue, filterValue);
    case '!=':
      return !pythonEquals(documentValue, filterValue);
    case 'in':
      return isIn(documentValue, filterValue);
    case 'not in':
      return !isIn(documentValue, filterValue);
    case '>':
      return order(documentValue, filterValue, operator, (sign) => sign > 0);
    case '>=':
      return order(documentValue, filterValue, operator, (sign) => sign >= 0);
    case '<':
      return order(documentValue, filterValue, operator, (sign) => sign < 0);
    case '<=':
      return order(documentValue, filterValue, operator, (sign) => sign <= 0);
  }
};

const fieldValue = (document: Document, field: string): unknown => {
  switch (field) {
    case 'id':
      return document.id;
    case 'content':
      return document.content;
    case 'meta':
      return document.meta;
    case 'score':
      return document.score;
    case 'embedding':
      return document.embedding;
    case 'sparse_embedding':
      return document.sparseEmbedding;
    default:
      return null;
  }
};

/** `meta.a.b` walks nested meta (null when a step is missing); a bare unknown name is a meta key (legacy filters). */
const readField = (document: Document, field: string): unknown => {
  if (field.includes('.')) {
    const [head = '', ...path] = field.split('.');
    if (!documentFields.includes(head)) {
      throw new FilterError(`Documents have no field '${head}' (in '${field}'). Metadata fields start with 'meta.', as in 'meta.${field}'.`);
    }
    let value = fieldValue(document, head);
    for (const part of path) {
      if (!isRecord(value) || !(part in value)) return null;
      value = value[part];
    }
    return value;
  }
  return documentFields.includes(field) ? fieldValue(document, field) : (document.meta[field] ?? null);
};

/** Python's `==` on JSON-like values: numbers equal booleans (`True == 1`), lists and dicts compare deeply. */
export const pythonEquals = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const numericA = typeof a === 'number' || typeof a === 'boolean';
  const numericB = typeof b === 'number' || typeof b === 'boolean';
  if (numericA || numericB) return numericA && numericB && Number(a) === Number(b);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => pythonEquals(item, b[index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && pythonEquals(a[key], b[key]));
  }
  return false;
};

const isIn = (documentValue: unknown, filterValue: unknown): boolean => {
  if (!Array.isArray(filterValue)) {
    throw new FilterError(`Filter value must be a list when using operator 'in' or 'not in', got ${show(filterValue)}.`);
  }
  return filterValue.some((item) => pythonEquals(item, documentValue));
};

const asDate = (value: unknown): FilterDate => {
  const date = value instanceof Date ? filterDateFromDate(value) : typeof value === 'string' ? parseFilterDate(value) : null;
  if (date === null) {
    throw new FilterError(
      `Can't compare strings using operators '>', '>=', '<', '<=': ${show(value)} is not an ISO 8601 date. Strings are only comparable if they are ISO formatted dates (2024-05-01 or 2024-05-01T12:00:00Z).`,
    );
  }
  return date;
};

const kind = (value: unknown): string => (Array.isArray(value) ? 'list' : value instanceof Date ? 'date' : value === null ? 'null' : typeof value);

const sign = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : a === b ? 0 : Number.NaN);

/** The ordering operators: false against null, dates when either side is a string, numbers otherwise. */
const order = (documentValue: unknown, filterValue: unknown, operator: string, test: (sign: number) => boolean): boolean => {
  if (documentValue === null || documentValue === undefined || filterValue === null || filterValue === undefined) return false;
  if (typeof documentValue === 'string' || typeof filterValue === 'string') {
    const a = asDate(documentValue);
    const b = asDate(filterValue);
    return test(Math.sign(compareFilterDates(a, b)));
  }
  if (Array.isArray(filterValue)) throw new FilterError(`Filter value can't be a list when using operator '${operator}'; use 'in' to test membership.`);
  const numeric = (value: unknown): value is number | boolean => typeof value === 'number' || typeof value === 'boolean';
  if (numeric(documentValue) && numeric(filterValue)) return test(sign(Number(documentValue), Number(filterValue)));
  if (documentValue instanceof Date && filterValue instanceof Date) return test(sign(documentValue.getTime(), filterValue.getTime()));
  throw new FilterError(`Can't use '${operator}' between a ${kind(documentValue)} and a ${kind(filterValue)}: ordering needs two numbers or two dates.`);
};
