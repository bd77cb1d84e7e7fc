/**
 * What every generator shares as a pipeline component, cloud or local: its sockets, how pipeline
 * inputs become run options, and Haystack's tool (de)serialisation.
 */
import type { ChatGeneratorRunOptions, GenerationKwargs } from './chat-generator.js';
import type { ChatMessage } from './chat-message.js';
import type { ComponentSockets, InvokeOptions } from './component.js';
import { ConfigError } from './errors.js';
import type { StreamingCallback } from './streaming-chunk.js';
import { Tool, Toolset, type ToolDict, type ToolsInput, type ToolsetDict } from './tool.js';

/** Inputs a chat generator takes in a pipeline. */
export interface ChatGeneratorInputs {
  messages: readonly ChatMessage[];
  streaming_callback?: StreamingCallback | undefined;
  generation_kwargs?: GenerationKwargs | undefined;
  tools?: ToolsInput | undefined;
  tools_strict?: boolean | undefined;
}

/** Options for reading a generator back from a dict: what a dict cannot carry. */
export interface GeneratorFromDictOptions {
  /** Implementations for the dict's tools, by their `function` name. */
  functions?: Readonly<Record<string, (args: Record<string, unknown>) => unknown>>;
  /** A streaming callback to attach (callbacks are written as null). */
  streamingCallback?: StreamingCallback;
}

/** The sockets of every chat generator. */
export const chatGeneratorSockets: ComponentSockets = {
  inputs: {
    messages: { type: 'ChatMessage[]' },
    streaming_callback: { type: 'StreamingCallback', mandatory: false },
    generation_kwargs: { type: 'object', mandatory: false },
    tools: { type: 'Tool[]', mandatory: false },
    tools_strict: { type: 'boolean', mandatory: false },
  },
  outputs: { replies: { type: 'ChatMessage[]' } },
};

/** A chat generator's run options from its pipeline inputs (snake_case sockets). */
export const runOptionsFromInputs = (inputs: ChatGeneratorInputs, options: InvokeOptions): ChatGeneratorRunOptions => ({
  streamingCallback: inputs.streaming_callback,
  generationKwargs: inputs.generation_kwargs,
  tools: inputs.tools,
  toolsStrict: inputs.tools_strict,
  signal: options.signal,
});

/** Haystack's `serialize_tools_or_toolset`. */
export const serializeTools = (tools: ToolsInput | undefined): ToolDict[] | ToolsetDict | Array<ToolDict | ToolsetDict> | null => {
  if (!tools) return null;
  if (tools instanceof Toolset) return tools.toDict();
  return tools.map((tool) => tool.toDict());
};

/** Haystack's `deserialize_tools_or_toolset_inplace`, with implementations supplied by the caller. */
export const deserializeTools = (value: unknown, options: GeneratorFromDictOptions): ToolsInput | undefined => {
  if (value === null || value === undefined) return undefined;
  const functions = options.functions ?? {};
  const readTool = (dict: unknown): Tool | Toolset => {
    const item = dict as ToolDict | ToolsetDict;
    if (typeof item !== 'object' || item === null || typeof item.type !== 'string') {
      throw new ConfigError(`Serialized tool '${JSON.stringify(dict)}' is not a dictionary with a 'type'.`);
    }
    if (item.type.endsWith('Toolset')) {
      return new Toolset((item as ToolsetDict).data.tools.map((tool) => Tool.fromDict(tool, functions)));
    }
    return Tool.fromDict(item as ToolDict, functions);
  };
  if (Array.isArray(value)) return value.map(readTool);
  const single = readTool(value);
  return single instanceof Toolset ? single : [single];
};
