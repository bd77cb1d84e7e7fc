import { ChatMessage } from './chat-message.js';
import type { ChatGenerator, GenerationKwargs } from './chat-generator.js';
import type { ComponentSockets, InvokeOptions } from './component.js';
import type { StreamingCallback } from './streaming-chunk.js';

/** Per-call options of the text generators. */
export interface TextGeneratorRunOptions {
  /** Replaces the generator's system prompt for this call. */
  systemPrompt?: string | undefined;
  streamingCallback?: StreamingCallback | undefined;
  generationKwargs?: GenerationKwargs | undefined;
  signal?: AbortSignal | undefined;
}

/** What a text generator's `run` resolves to (Haystack's `{ replies, meta }`). */
export interface TextGeneratorResult {
  replies: string[];
  meta: Array<Record<string, unknown>>;
}

/** The sockets of every text generator. */
export const textGeneratorSockets: ComponentSockets = {
  inputs: {
    prompt: { type: 'string' },
    system_prompt: { type: 'string', mandatory: false },
    streaming_callback: { type: 'StreamingCallback', mandatory: false },
    generation_kwargs: { type: 'object', mandatory: false },
  },
  outputs: { replies: { type: 'string[]' }, meta: { type: 'object[]' } },
};

/** Inputs a text generator takes in a pipeline. */
export interface TextGeneratorInputs {
  prompt: string;
  system_prompt?: string | undefined;
  streaming_callback?: StreamingCallback | undefined;
  generation_kwargs?: GenerationKwargs | undefined;
}

/** A text generator's run options from its pipeline inputs (snake_case sockets), as `runOptionsFromInputs` for chat generators. */
export const textRunOptionsFromInputs = (inputs: TextGeneratorInputs, options: InvokeOptions): TextGeneratorRunOptions => ({
  systemPrompt: inputs.system_prompt,
  streamingCallback: inputs.streaming_callback,
  generationKwargs: inputs.generation_kwargs,
  signal: options.signal,
});

/**
 * Runs a prompt through a chat generator, as Haystack's text generators do: an optional system
 * message, then the prompt as the user message; replies come back as strings with their meta.
 */
export const generateText = async (
  chat: ChatGenerator,
  prompt: string,
  systemPrompt: string | undefined,
  options: TextGeneratorRunOptions,
): Promise<TextGeneratorResult> => {
  const system = options.systemPrompt ?? systemPrompt;
  const messages = [...(system === undefined ? [] : [ChatMessage.fromSystem(system)]), ChatMessage.fromUser(prompt)];
  const { replies } = await chat.run(messages, {
    streamingCallback: options.streamingCallback,
    generationKwargs: options.generationKwargs,
    signal: options.signal,
  });
  return { replies: replies.map((reply) => reply.text ?? ''), meta: replies.map((reply) => ({ ...reply.meta })) };
};
