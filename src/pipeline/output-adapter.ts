import { Environment, Interpreter, Template } from '@huggingface/jinja';
import { ConfigError, defaultToDict, readComponentDict, type Component, type ComponentDict, type ComponentSockets } from '../core/index.js';
import { parsePythonLiteral } from './python-literal.js';
import { templateContext, templateVariables } from './template-variables.js';

/** A custom Jinja filter: `{{ value | name(arg) }}` calls `filter(value, arg)`. */
export type JinjaFilter = (value: unknown, ...args: unknown[]) => unknown;

/** Options of {@link OutputAdapter}, as Haystack's. */
export interface OutputAdapterOptions {
  /** A Jinja template; its variables are the inputs. */
  template: string;
  /** The output's type name, as Haystack serialises it (`str`, `typing.List[str]`, ...); default `str`. */
  outputType?: string;
  /** Filters the template may use besides Jinja's own. */
  customFilters?: Readonly<Record<string, JinjaFilter>>;
  /**
   * Haystack's flag for native rendering. Here it returns the value of a template that is one
   * `{{ expression }}` as it is (a list of Documents stays a list); no code is evaluated either way.
   */
  unsafe?: boolean;
}

type Node = Record<string, unknown> & { type?: string };

// @huggingface/jinja's Template, with the parsed tree it renders (not in its public types).
interface CompiledTemplate {
  parsed: { body: unknown[] };
  render(context: Record<string, unknown>): string;
}

// Custom filters become calls to functions in the context: the same evaluation, without a filter
// registry (which @huggingface/jinja does not have).
const rewriteFilters = (node: unknown, names: ReadonlySet<string>): unknown => {
  if (Array.isArray(node)) return node.map((child) => rewriteFilters(child, names));
  if (typeof node !== 'object' || node === null) return node;
  const current = node as Node;
  for (const key of Object.keys(current)) current[key] = rewriteFilters(current[key], names);
  if (current.type !== 'FilterExpression') return current;
  const filter = current.filter as Node;
  const name = filter.type === 'Identifier' ? filter.value : (filter.callee as Node | undefined)?.value;
  if (typeof name !== 'string' || !names.has(name)) return current;
  const args = filter.type === 'CallExpression' ? (filter.args as unknown[]) : [];
  return { type: 'CallExpression', callee: { type: 'Identifier', value: name }, args: [current.operand, ...args] };
};

const toJs = (value: unknown): unknown => {
  const runtime = value as { value?: unknown } | null;
  if (runtime === null || typeof runtime !== 'object' || !('value' in runtime)) return runtime;
  if (Array.isArray(runtime.value)) return runtime.value.map(toJs);
  if (runtime.value instanceof Map) return Object.fromEntries([...(runtime.value as Map<string, unknown>)].map(([key, item]) => [key, toJs(item)]));
  return runtime.value;
};

/**
 * Haystack's `OutputAdapter`: reshapes one component's output for the next with a Jinja template,
 * e.g. `{{ replies[0].text }}`. The rendered text is read as a Python literal when it is one (a list,
 * a number), as Haystack does; templates never evaluate code.
 *
 * @example
 * const adapter = new OutputAdapter({ template: '{{ documents[0].content }}', outputType: 'str' });
 * await adapter.run({ documents }); // { output: 'Test content' }
 */
export class OutputAdapter implements Component {
  /** Haystack's type name. */
  static readonly typeNames = ['haystack.components.converters.output_adapter.OutputAdapter'] as const;
  readonly template: string;
  readonly outputType: string;
  readonly customFilters: Readonly<Record<string, JinjaFilter>>;
  readonly unsafe: boolean;
  /** One mandatory input per template variable; output `output`. */
  readonly sockets: ComponentSockets;
  // Parsed, with custom filters rewritten into calls, once: every run renders the same tree.
  readonly #compiled: CompiledTemplate;

  constructor(options: OutputAdapterOptions) {
    if (typeof options.template !== 'string') throw new ConfigError('OutputAdapter needs a template string.');
    this.template = options.template;
    this.outputType = options.outputType ?? 'str';
    this.customFilters = { ...options.customFilters };
    this.unsafe = options.unsafe ?? false;
    const variables = templateVariables(options.template).filter((name) => !(name in this.customFilters));
    this.sockets = {
      inputs: Object.fromEntries(variables.map((name) => [name, { type: 'any' }])),
      outputs: { output: { type: this.outputType } },
    };
    this.#compiled = new Template(options.template);
    this.#compiled.parsed.body = rewriteFilters(this.#compiled.parsed.body, new Set(Object.keys(this.customFilters))) as unknown[];
  }

  /** Renders the template with the inputs. */
  run(inputs: Record<string, unknown>): Promise<{ output: unknown }> {
    return new Promise((resolve) => {
      if (Object.keys(inputs).length === 0) throw new ConfigError('No input data provided for output adaptation.');
      const template = this.#compiled;
      const context = templateContext({ ...inputs, ...this.customFilters });
      try {
        const [only] = template.parsed.body;
        if (this.unsafe && template.parsed.body.length === 1 && (only as Node).type !== 'StringLiteral') {
          const environment = new Environment();
          for (const [name, value] of Object.entries(context)) environment.set(name, value);
          resolve({ output: toJs(new Interpreter(environment).evaluate(only as never, environment)) });
          return;
        }
        const rendered = template.render(context);
        const literal = parsePythonLiteral(rendered);
        resolve({ output: literal === undefined ? rendered : literal });
      } catch (error) {
        throw new ConfigError(`Error adapting ${this.template}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    });
  }

  /** Pipeline entry. */
  invoke(inputs: Record<string, unknown>): Promise<{ output: unknown }> {
    return this.run(inputs);
  }

  /** Haystack's dict; custom filters are written by name (a JavaScript function has no import path). */
  toDict(): ComponentDict {
    return defaultToDict(OutputAdapter.typeNames[0], {
      template: this.template,
      output_type: this.outputType,
      custom_filters: Object.fromEntries(Object.keys(this.customFilters).map((name) => [name, null])),
      unsafe: this.unsafe,
    });
  }

  /** Reads Haystack's dict; pass the custom filters again, since a dict cannot carry functions. */
  static fromDict(dict: ComponentDict, customFilters: Readonly<Record<string, JinjaFilter>> = {}): OutputAdapter {
    const init = readComponentDict(dict, OutputAdapter.typeNames, 'OutputAdapter');
    return new OutputAdapter({
      template: init.template as string,
      outputType: typeof init.output_type === 'string' ? init.output_type : 'str',
      customFilters,
      unsafe: init.unsafe === true,
    });
  }
}
