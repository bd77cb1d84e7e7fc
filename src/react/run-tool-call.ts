import { toolResultToString, type Tool, type ToolCall } from '../core/index.js';

/**
 * Answers a tool call from the UI instead of a `Tool`: return the result, or undefined to leave the
 * call waiting for `addToolResult`.
 */
export type OnToolCall = (call: ToolCall) => unknown;

/** What a tool call produced: the text the model sees, and whether it failed. */
export interface ToolCallOutcome {
  readonly text: string;
  readonly error: boolean;
}

/**
 * Runs one tool call: `onToolCall` first, then the matching client-side tool. Failures become
 * results with `error: true`, so the model sees them and can recover. Undefined: nobody answered.
 */
export const runToolCall = async (
  call: ToolCall,
  tools: readonly Tool[],
  onToolCall: OnToolCall | undefined,
  signal: AbortSignal | undefined,
): Promise<ToolCallOutcome | undefined> => {
  try {
    const handled = await onToolCall?.(call);
    if (handled !== undefined) return { text: toolResultToString(handled), error: false };
    const tool = tools.find((candidate) => candidate.name === call.toolName);
    if (!tool) return onToolCall ? undefined : { text: `There is no tool named '${call.toolName}'.`, error: true };
    return { text: toolResultToString(await tool.invoke(call.arguments, { toolCall: call, signal })), error: false };
  } catch (error) {
    return { text: error instanceof Error ? error.message : String(error), error: true };
  }
};

/** Gives every tool call an id, so its result can be sent back (some servers send none, e.g. TGI). */
export const withToolCallIds = (calls: readonly ToolCall[], prefix: string): ToolCall[] | null => {
  if (calls.every((call) => call.id !== null && call.id !== '')) return null;
  return calls.map((call, index) => (call.id === null || call.id === '' ? { ...call, id: `${prefix}_${index}` } : call));
};
