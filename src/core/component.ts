/**
 * The component contract, written once (as Haystack's `haystack/core/component/component.py`).
 *
 * - The constructor is light: it stores options and validates them, and never does I/O.
 * - Heavy work (a client import, a model download) happens in `warmUp()`, or lazily on first use.
 * - `invoke(inputs)` takes the declared input sockets by name and resolves to the declared outputs;
 *   a pipeline only ever calls `invoke`, so components of every layer fit together.
 * - `toDict()` writes `{ type, init_parameters }` with Haystack's type name and snake_case keys;
 *   a static `fromDict()` reads it back. Secrets serialise as env-var references, never as tokens.
 */
import { ConfigError } from './errors.js';

/** One declared input or output of a component. */
export interface SocketSpec {
  /** A readable type name (`ChatMessage[]`, `string`, ...), checked by pipelines at `connect`. */
  readonly type: string;
  /** Whether the component cannot run without it (inputs only; default true). */
  readonly mandatory?: boolean;
  /** Whether several senders may feed it (joiners). */
  readonly variadic?: boolean;
}

/** The inputs and outputs a component declares. */
export interface ComponentSockets {
  readonly inputs: Readonly<Record<string, SocketSpec>>;
  readonly outputs: Readonly<Record<string, SocketSpec>>;
}

/** Options every `invoke` accepts. */
export interface InvokeOptions {
  /** Aborts the work. */
  readonly signal?: AbortSignal | undefined;
}

/** Haystack's serialised form of a component. */
export interface ComponentDict {
  type: string;
  init_parameters: Record<string, unknown>;
}

/** The contract every hayloft component follows; see the module comment. */
export interface Component<Inputs = Record<string, unknown>, Outputs = Record<string, unknown>> {
  /** The declared sockets. */
  readonly sockets: ComponentSockets;
  /** Runs with inputs addressed by socket name. */
  invoke(inputs: Inputs, options?: InvokeOptions): Promise<Outputs>;
  /** Loads what the component needs before its first run. */
  warmUp?(): Promise<void>;
  /** Haystack's `{ type, init_parameters }`. */
  toDict(): ComponentDict;
}

/** A component class as a registry sees it. */
export interface ComponentClass<C extends Component = Component> {
  /** The Haystack type names this class reads; the first is the one it writes. */
  readonly typeNames: readonly string[];
  fromDict(dict: ComponentDict): C;
}

/** Builds `{ type, init_parameters }`, dropping `undefined` values. */
export const defaultToDict = (type: string, initParameters: Record<string, unknown>): ComponentDict => {
  const init: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(initParameters)) if (value !== undefined) init[key] = value;
  return { type, init_parameters: init };
};

/** Checks a dict's shape and type name and returns its `init_parameters`. */
export const readComponentDict = (dict: unknown, typeNames: readonly string[], className: string): Record<string, unknown> => {
  if (typeof dict !== 'object' || dict === null || typeof (dict as { type?: unknown }).type !== 'string') {
    throw new ConfigError(`${className}.fromDict needs an object with a 'type' string and 'init_parameters'.`);
  }
  const { type, init_parameters: init } = dict as { type: string; init_parameters?: unknown };
  if (!typeNames.includes(type)) {
    throw new ConfigError(`Class '${type}' can't be deserialized as '${className}'. Expected: ${typeNames.join(' or ')}.`);
  }
  if (init !== undefined && (typeof init !== 'object' || init === null || Array.isArray(init))) {
    throw new ConfigError(`${className}.fromDict: 'init_parameters' must be an object.`);
  }
  return (init ?? {}) as Record<string, unknown>;
};
