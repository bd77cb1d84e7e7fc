import type { ToolCall } from '../../core/index.js';
import { useChatMessages, useChatStatus } from '../../react/index.js';
import { useCopy } from '../markdown/copy-text.js';
import { useComposerStore } from './composer-context.js';
import { useMessageContext, useRoot } from './contexts.js';
import { useComposerValue } from './composer-store.js';

/** An action a button runs, or null when it cannot run now (the button is then disabled). */
export type Action = (() => void) | null;

const isBusy = (status: string): boolean => status === 'submitted' || status === 'streaming';

/** Sends what the composer holds (or the edit of a message); null while a reply runs or nothing is typed. */
export const useSendAction = (): Action => {
  const { controller } = useRoot('Send');
  const composer = useComposerStore('Send');
  const { status, hydrated } = useChatStatus(controller);
  const text = useComposerValue(composer, (state) => state.text);
  const attachments = useComposerValue(composer, (state) => state.attachments);
  if (isBusy(status) || !hydrated || (text.trim() === '' && attachments.length === 0)) return null;
  return () => {
    const { editing } = composer.get();
    const files = attachments.map((attachment) => attachment.file);
    for (const attachment of attachments) if (attachment.previewUrl) URL.revokeObjectURL(attachment.previewUrl);
    composer.set({ text: '', attachments: [], editing: null });
    composer.input?.focus();
    void (editing ? controller.edit(editing, text) : controller.send({ text, files })).catch(() => undefined);
  };
};

/** Stops the reply being generated; null when nothing runs. */
export const useStopAction = (): Action => {
  const { controller } = useRoot('Stop');
  const { status } = useChatStatus(controller);
  return isBusy(status) ? () => controller.stop() : null;
};

/** Answers the last question again; null while a reply runs or when there is no question. */
export const useRegenerateAction = (): Action => {
  const { controller } = useRoot('Regenerate');
  const { status } = useChatStatus(controller);
  const messages = useChatMessages(controller);
  if (isBusy(status) || !messages.some((message) => message.role === 'user')) return null;
  return () => void controller.regenerate().catch(() => undefined);
};

/** After an error, answers again. */
export const useRetryAction = (): Action => {
  const { controller } = useRoot('Error');
  const { status } = useChatStatus(controller);
  return status === 'error' ? () => void controller.retry().catch(() => undefined) : null;
};

/**
 * Puts a user message into the composer to be edited; sending it makes a new branch. It stays
 * available while a reply streams (Send waits for the reply, Stop ends it), like switching branches:
 * an Edit button sits on every user message of a long thread, and following the chat's status would
 * render and commit each of them again at every send and at the end of every answer.
 */
export const useEditAction = (): Action => {
  const { message } = useMessageContext('Edit');
  const composer = useComposerStore('Edit');
  if (message.role !== 'user') return null;
  return () => {
    composer.set({ text: message.text ?? '', editing: message });
    composer.input?.focus();
  };
};

/** Copies a message's text; `copied` is true for two seconds after. */
export const useCopyAction = (): { action: Action; copied: boolean } => {
  const { message } = useMessageContext('Copy');
  const text = message.texts.join('\n\n');
  const { copy, copied } = useCopy(text);
  return { action: text === '' ? null : () => void copy().catch(() => undefined), copied };
};

/** Approves or rejects one held tool call. */
export const useToolCallDecision = (call: ToolCall): { approve: Action; reject: Action } => {
  const { controller } = useRoot('ToolCall');
  const { status, pendingToolCalls } = useChatStatus(controller);
  const waiting = status === 'awaiting-approval' && pendingToolCalls.some((pending) => pending.id === call.id);
  if (!waiting || call.id === null) return { approve: null, reject: null };
  const id = call.id;
  return {
    approve: () => void controller.approveToolCall(id).catch(() => undefined),
    reject: () => void controller.rejectToolCall(id).catch(() => undefined),
  };
};

