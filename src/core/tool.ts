import type { ToolCall } from './content.js';
import { ConfigError, ToolError } from './errors.js';
import { isStandardSchema, toJsonSchema, validateWithSchema, type JsonSchema, type StandardJsonSchemaLike } from './schema.js';

/** What a tool's `invoke` receives besides its arguments. */
export interface ToolInvokeContext {
  /** Fires when the user stops the conversation. */
  readonly signal?: AbortSignal | undefined;
  /** The call being answered. */
  readonly toolCall?: ToolCall | undefined;
}

/** The definition of a {@link Tool}. */
export interface ToolOptions<Args> {
  /** Letters, digits, `_` and `-`, at most 64 characters (the providers' rule). */
  name: string;
  /** What the tool does; the model reads this to decide when to call it. */
  description: string;
  /** A JSON Schema of the arguments, or a zod (Standard JSON Schema) object, which also validates them. */
  parameters: JsonSchema | StandardJsonSchemaLike<Args>;
  /** Runs the tool. A non-string result is sent to the model as JSON. */
  invoke: (args: Args, context: ToolInvokeContext) => unknown;
  /** Ask the provider to follow the schema exactly (OpenAI's strict function calling). */
  strict?: boolean;
  /** Name written as `function` by `toDict()` and looked up by `Tool.fromDict`; defaults to `name`. */
  functionName?: string;
}

/** Haystack's dict shape of a tool. */
export interface ToolDict {
  type: string;
  data: {
    name: string;
    description: string;
    parameters: JsonSchema;
    function: string;
    [key: string]: unknown;
  };
}

/** An OpenAI chat-completions tool definition. */
export interface OpenAIToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: JsonSchema; strict?: boolean };
}

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

/** Haystack's type name for a tool. */
export const toolTypeName = 'haystack.tools.tool.Tool';

/**
 * A function the model may call, with a JSON-Schema description of its arguments.
 *
 * @example
 * const weather = new Tool({
 *   name: 'get_weather',
 *   description: 'Current weather for a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   invoke: async ({ city }) => `Sunny in ${String(city)}`,
 * });
 */
export class Tool<Args = Record<string, unknown>> {
  /** The name the model uses. */
  readonly name: string;
  /** What the tool does. */
  readonly description: string;
  /** JSON Schema of the arguments. */
  readonly parameters: JsonSchema;
  /** Whether strict schema following is requested. */
  readonly strict: boolean;
  /** The name `toDict()` writes as `function`. */
  readonly functionName: string;
  // Stored without the Args type so a Tool<{ city: string }> fits wherever a Tool is expected.
  readonly #validator: StandardJsonSchemaLike | undefined;
  readonly #invoke: (args: unknown, context: ToolInvokeContext) => unknown;

  constructor(options: ToolOptions<Args>) {
    if (!toolNamePattern.test(options.name)) {
      throw new ConfigError(
        `Tool name '${options.name}' is invalid: use 1-64 letters, digits, '_' or '-' (the providers' rule).`,
      );
    }
    if (typeof options.invoke !== 'function') {
      throw new ConfigError(`Tool '${options.name}' needs an invoke function.`);
    }
    this.name = options.name;
    this.description = options.description;
    this.parameters = toJsonSchema(options.parameters);
    this.strict = options.strict ?? false;
    this.functionName = options.functionName ?? options.name;
    this.#validator = isStandardSchema(options.parameters) ? options.parameters : undefined;
    this.#invoke = options.invoke as (args: unknown, context: ToolInvokeContext) => unknown;
  }

  /** Validates the arguments (when a zod schema was given) and runs the tool; failures become `ToolError`s. */
  async invoke(args: Readonly<Record<string, unknown>>, context: ToolInvokeContext = {}): Promise<unknown> {
    let checked: unknown;
    try {
      checked = this.#validator
        ? await validateWithSchema(this.#validator, args, `The arguments for tool '${this.name}'`)
        : args;
    } catch (error) {
      throw new ToolError(error instanceof Error ? error.message : String(error), { toolName: this.name, cause: error });
    }
    try {
      return await this.#invoke(checked, context);
    } catch (error) {
      if (ToolError.isInstance(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new ToolError(`Tool '${this.name}' failed: ${reason}`, { toolName: this.name, cause: error });
    }
  }

  /** The tool as an OpenAI chat-completions tool definition. */
  toOpenAITool(strict = this.strict): OpenAIToolDefinition {
    return {
      type: 'function',
      function: {
        name: this.name,
        description: this.description,
        parameters: this.parameters,
        ...(strict ? { strict: true } : {}),
      },
    };
  }

  /** Haystack's dict shape; `function` is the `functionName`, to be resolved by `Tool.fromDict`. */
  toDict(): ToolDict {
    return {
      type: toolTypeName,
      data: {
        name: this.name,
        description: this.description,
        parameters: this.parameters,
        function: this.functionName,
        outputs_to_string: null,
        inputs_from_state: null,
        outputs_to_state: null,
      },
    };
  }

  /** Reads a tool back; `functions` maps the dict's `function` names to implementations. */
  static fromDict(dict: ToolDict, functions: Readonly<Record<string, (args: Record<string, unknown>) => unknown>>): Tool {
    const data = dict.data;
    const implementation = functions[data.function] ?? functions[data.name];
    if (!implementation) {
      const known = Object.keys(functions);
      throw new ConfigError(
        `No implementation for tool '${data.name}' (function '${data.function}'). ` +
          `Pass it in the functions map; known: ${known.length > 0 ? known.join(', ') : 'none'}.`,
      );
    }
    return new Tool({
      name: data.name,
      description: data.description,
      parameters: data.parameters,
      invoke: implementation,
      functionName: data.function,
    });
  }
}

/** Turns a tool's return value into the text sent back to the model. */
export const toolResultToString = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return Object.prototype.toString.call(value);
  }
};

/** Haystack's dict shape of a toolset. */
export interface ToolsetDict {
  type: string;
  data: { tools: ToolDict[] };
}

/** Haystack's type name for a toolset. */
export const toolsetTypeName = 'haystack.tools.toolset.Toolset';

/** A named group of tools with unique names; usable wherever a tool list is. */
export class Toolset implements Iterable<Tool> {
  readonly #tools: Tool[];

  constructor(tools: Iterable<Tool> = []) {
    this.#tools = [];
    for (const tool of tools) this.add(tool);
  }

  /** Adds a tool; a second tool with the same name is refused. */
  add(tool: Tool): void {
    if (this.#tools.some((existing) => existing.name === tool.name)) {
      throw new ConfigError(`Duplicate tool name '${tool.name}': tool names must be unique.`);
    }
    this.#tools.push(tool);
  }

  /** The tool with this name, if any. */
  get(name: string): Tool | undefined {
    return this.#tools.find((tool) => tool.name === name);
  }

  /** How many tools the set holds. */
  get size(): number {
    return this.#tools.length;
  }

  [Symbol.iterator](): Iterator<Tool> {
    return this.#tools[Symbol.iterator]();
  }

  /** Haystack's dict shape. */
  toDict(): ToolsetDict {
    return { type: toolsetTypeName, data: { tools: this.#tools.map((tool) => tool.toDict()) } };
  }
}

/** Tools as accepted by generators: a list of tools and toolsets, or one toolset. */
export type ToolsInput = ReadonlyArray<Tool | Toolset> | Toolset;

/** Flattens tools and toolsets into one list and refuses duplicate names. */
export const flattenTools = (tools: ToolsInput | undefined | null): Tool[] => {
  if (!tools) return [];
  const flat = new Toolset();
  const items: Iterable<Tool | Toolset> = tools instanceof Toolset ? [tools] : tools;
  for (const item of items) {
    if (item instanceof Toolset) for (const tool of item) flat.add(tool);
    else flat.add(item);
  }
  return [...flat];
};
