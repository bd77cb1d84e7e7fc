import { Template } from '@huggingface/jinja';
import { ConfigError } from '../core/index.js';

// Names a template may use without receiving them (Jinja's own and @huggingface/jinja's globals).
const builtins = new Set(['loop', 'range', 'namespace', 'raise_exception', 'true', 'false', 'none', 'True', 'False', 'None', 'strftime_now', 'dict', 'cycler', 'joiner', 'super']);

type Node = { type?: unknown } & Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';

const names = (node: unknown): string[] => {
  if (isNode(node) && node.type === 'Identifier' && typeof node.value === 'string') return [node.value];
  if (isNode(node) && Array.isArray(node.value)) return node.value.flatMap(names);
  return [];
};

/**
 * The variables a Jinja template reads from its context (what Haystack's builders turn into input
 * sockets): every free identifier, minus loop and `set` variables, filters, tests and builtins.
 */
export const templateVariables = (source: string): string[] => {
  let parsed: unknown;
  try {
    parsed = (new Template(source) as unknown as { parsed: unknown }).parsed;
  } catch (error) {
    throw new ConfigError(`The Jinja template does not parse: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const found = new Set<string>();
  const bound = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
      return;
    }
    if (!isNode(value)) return;
    switch (value.type) {
      case 'Identifier':
        if (typeof value.value === 'string') found.add(value.value);
        return;
      case 'MemberExpression':
        visit(value.object);
        if (value.computed === true) visit(value.property);
        return;
      case 'FilterExpression':
        visit(value.operand);
        if (isNode(value.filter) && value.filter.type !== 'Identifier') visit((value.filter).args);
        return;
      case 'TestExpression':
        visit(value.operand);
        return;
      case 'KeywordArgumentExpression':
        visit(value.value);
        return;
      case 'For':
        names(value.loopvar).forEach((name) => bound.add(name));
        break;
      case 'Set':
        names(value.assignee).forEach((name) => bound.add(name));
        break;
      case 'Macro':
        names(value.name).forEach((name) => bound.add(name));
        names(value.args).forEach((name) => bound.add(name));
        break;
      default:
        break;
    }
    for (const [key, child] of Object.entries(value)) if (key !== 'type' && key !== 'loopvar' && key !== 'assignee') visit(child);
  };
  visit(parsed);
  return [...found].filter((name) => !bound.has(name) && !builtins.has(name));
};

/** Renders a template with a context from {@link templateContext}; a Jinja error becomes a `ConfigError` that quotes it. */
export const renderTemplate = (source: string, context: Record<string, unknown>): string => {
  try {
    return new Template(source).render(context);
  } catch (error) {
    throw new ConfigError(`The Jinja template failed to render: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

/**
 * Values as a Jinja template sees them: class instances become plain objects with their own fields
 * and their getters (`{{ replies[0].text }}` reads `ChatMessage.text`, as Python reads a property).
 */
export const templateValue = (value: unknown, depth = 0): unknown => {
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => templateValue(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as object | null;
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) plain[key] = templateValue(item, depth + 1);
  if (prototype !== Object.prototype && prototype !== null) {
    for (let proto: object | null = prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
      for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
        if (descriptor.get && !(key in plain)) plain[key] = templateValue((value as Record<string, unknown>)[key], depth + 1);
      }
    }
  }
  return plain;
};

/** A render context whose values templates can read like Python objects. */
export const templateContext = (context: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(context).map(([key, value]) => [key, typeof value === 'function' ? value : templateValue(value)]));
