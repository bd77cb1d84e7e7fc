import { createContext, useContext, useMemo, type ReactNode } from 'react';

/** Every built-in string of the components, in English by default; pass your own to translate. */
export interface ChatLabels {
  messages: string;
  input: string;
  inputPlaceholder: string;
  send: string;
  stop: string;
  attach: string;
  removeAttachment: string;
  regenerate: string;
  edit: string;
  cancelEdit: string;
  copy: string;
  copied: string;
  previousBranch: string;
  nextBranch: string;
  branchCount: (index: number, count: number) => string;
  approve: string;
  reject: string;
  toolArguments: string;
  toolResult: string;
  toolAwaitingApproval: string;
  toolRunning: string;
  toolFailed: string;
  reasoning: string;
  retry: string;
  stopped: string;
  error: string;
  jumpToLatest: string;
  copyCode: string;
  loadImage: (alt: string, host: string) => string;
  loadingModel: (model: string) => string;
  modelDevice: (device: string) => string;
  usage: (total: number) => string;
  threads: string;
  newThread: string;
  deleteThread: string;
  renameThread: string;
  emptyState: string;
  answerReady: string;
}

/** The English labels. */
export const defaultLabels: ChatLabels = {
  messages: 'Conversation',
  input: 'Message',
  inputPlaceholder: 'Ask anything…',
  send: 'Send',
  stop: 'Stop',
  attach: 'Attach image',
  removeAttachment: 'Remove attachment',
  regenerate: 'Regenerate',
  edit: 'Edit',
  cancelEdit: 'Cancel edit',
  copy: 'Copy',
  copied: 'Copied',
  previousBranch: 'Previous version',
  nextBranch: 'Next version',
  branchCount: (index, count) => `${index + 1} / ${count}`,
  approve: 'Approve',
  reject: 'Reject',
  toolArguments: 'Arguments',
  toolResult: 'Result',
  toolAwaitingApproval: 'Waiting for your approval',
  toolRunning: 'Running…',
  toolFailed: 'Failed',
  reasoning: 'Reasoning',
  retry: 'Retry',
  stopped: 'Stopped',
  error: 'Something went wrong',
  jumpToLatest: 'Jump to latest',
  copyCode: 'Copy code',
  loadImage: (alt, host) => `Load image${alt ? ` “${alt}”` : ''} from ${host}`,
  loadingModel: (model) => `Loading ${model}…`,
  modelDevice: (device) => `Running on ${device}`,
  // Grouped by hand: the first toLocaleString() call builds ICU's number format, about 15 ms.
  usage: (total) => `${String(total).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} tokens`,
  threads: 'Chats',
  newThread: 'New chat',
  deleteThread: 'Delete chat',
  renameThread: 'Rename chat',
  emptyState: 'How can I help?',
  answerReady: 'Answer ready',
};

const LabelsContext = createContext<ChatLabels>(defaultLabels);

/** Overrides some labels for everything below. */
export function LabelsProvider({ labels, children }: { labels?: Partial<ChatLabels> | undefined; children?: ReactNode }): ReactNode {
  const parent = useContext(LabelsContext);
  const value = useMemo(() => ({ ...parent, ...labels }), [parent, labels]);
  return <LabelsContext.Provider value={value}>{children}</LabelsContext.Provider>;
}

/** The labels in effect. */
export const useLabels = (): ChatLabels => useContext(LabelsContext);
