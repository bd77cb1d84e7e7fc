import type { HTMLAttributes, ReactNode } from 'react';
import type { ToolCall as ToolCallPart, ToolCallResult } from '../../core/index.js';
import { useChatMessages, useChatStatus } from '../../react/index.js';
import { useLabels } from '../labels.js';
import { useToolCallDecision } from './actions.js';
import { useRoot } from './contexts.js';

/** The state of a tool call, as `data-state`. */
export type ToolCallState = 'awaiting-approval' | 'awaiting-result' | 'running' | 'complete' | 'error';

/** The result of a call, from the tool message that answers it, and the call's state. */
export const useToolCallState = (call: ToolCallPart): { state: ToolCallState; result: ToolCallResult | null } => {
  const { controller } = useRoot('ToolCall');
  const messages = useChatMessages(controller);
  const { status, pendingToolCalls } = useChatStatus(controller);
  const result = messages.flatMap((message) => message.toolCallResults).find((candidate) => candidate.origin.id === call.id) ?? null;
  const pending = pendingToolCalls.some((candidate) => candidate.id === call.id);
  if (result) return { state: result.error ? 'error' : 'complete', result };
  if (pending) return { state: status === 'awaiting-approval' ? 'awaiting-approval' : 'awaiting-result', result };
  return { state: 'running', result };
};

/** Props of `ChatPrimitive.ToolCall`. */
export interface ToolCallProps extends HTMLAttributes<HTMLDivElement> {
  call: ToolCallPart;
}

/**
 * A tool call: its name, arguments and result, with Approve and Reject while it waits for the user.
 * `data-state`: `awaiting-approval`, `awaiting-result`, `running`, `complete` or `error`.
 */
export function ToolCall({ call, ...props }: ToolCallProps): ReactNode {
  const labels = useLabels();
  const { state, result } = useToolCallState(call);
  const { approve, reject } = useToolCallDecision(call);
  const note = { 'awaiting-approval': labels.toolAwaitingApproval, 'awaiting-result': labels.toolRunning, running: labels.toolRunning, error: labels.toolFailed, complete: null }[state];
  return (
    <div data-state={state} data-tool={call.toolName} {...props}>
      <div className="hayloft-tool-header">
        <code>{call.toolName}</code>
        {note && <span className="hayloft-tool-note">{note}</span>}
      </div>
      <details>
        <summary>{labels.toolArguments}</summary>
        <pre>{JSON.stringify(call.arguments, null, 2)}</pre>
      </details>
      {result && (
        <div className="hayloft-tool-result">
          <span>{labels.toolResult}</span>
          <pre>{result.result}</pre>
        </div>
      )}
      {approve && reject && (
        <div className="hayloft-tool-actions">
          <button type="button" data-action="approve" onClick={approve}>
            {labels.approve}
          </button>
          <button type="button" data-action="reject" onClick={reject}>
            {labels.reject}
          </button>
        </div>
      )}
    </div>
  );
}
