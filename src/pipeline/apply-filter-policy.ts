import { ConfigError } from '../core/index.js';
import type { ComparisonFilter, Filter, LogicalFilter, LogicalOperator } from './filters.js';

/** How a retriever combines its init filters with run-time filters: run-time ones replace, or merge in. */
export type FilterPolicy = 'replace' | 'merge';

/** Reads a filter policy as Haystack's `FilterPolicy.from_str` does (case-insensitive). */
export const parseFilterPolicy = (value: unknown): FilterPolicy => {
  const policy = typeof value === 'string' ? value.toLowerCase() : '';
  if (policy === 'replace' || policy === 'merge') return policy;
  throw new ConfigError(`Unknown FilterPolicy type '${String(value)}'. Supported types are: 'replace', 'merge'.`);
};

const isComparison = (filter: Filter): filter is ComparisonFilter => 'field' in filter && 'operator' in filter && 'value' in filter;
const isLogical = (filter: Filter): filter is LogicalFilter => 'operator' in filter && 'conditions' in filter;
const fieldOf = (filter: Filter): unknown => ('field' in filter ? filter.field : undefined);

/**
 * Haystack's `apply_filter_policy`: with `merge`, two comparisons on different fields are ANDed, a
 * comparison joins a logical filter that uses the default operator (run-time wins on the same field),
 * and two logical filters with the same operator pool their conditions. Otherwise run-time filters win,
 * and init filters apply when none are given at run time. Inputs are never mutated.
 */
export const applyFilterPolicy = (
  policy: FilterPolicy,
  initFilters: Filter | null | undefined,
  runtimeFilters: Filter | null | undefined,
  defaultOperator: LogicalOperator = 'AND',
): Filter | null => {
  const init = initFilters && Object.keys(initFilters).length > 0 ? initFilters : null;
  const runtime = runtimeFilters && Object.keys(runtimeFilters).length > 0 ? runtimeFilters : null;
  if (policy !== 'merge' || init === null || runtime === null) return runtime ?? init;
  if (isComparison(init) && isComparison(runtime)) {
    return init.field === runtime.field ? runtime : { operator: defaultOperator, conditions: [init, runtime] };
  }
  if (isComparison(init) && isLogical(runtime)) {
    if (runtime.operator !== defaultOperator) return runtime;
    const taken = runtime.conditions.some((condition) => fieldOf(condition) === init.field);
    return { operator: runtime.operator, conditions: taken ? [...runtime.conditions] : [...runtime.conditions, init] };
  }
  if (isLogical(init) && isComparison(runtime)) {
    if (init.operator !== defaultOperator) return runtime;
    const kept = init.conditions.filter((condition) => fieldOf(condition) !== runtime.field);
    return { operator: init.operator, conditions: [...kept, runtime] };
  }
  if (isLogical(init) && isLogical(runtime)) {
    return init.operator === runtime.operator ? { operator: init.operator, conditions: [...init.conditions, ...runtime.conditions] } : runtime;
  }
  return runtime;
};
