import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ConfigError, type ChatMessage, type ChatGenerator, type HayloftError, type ToolCall, type UserContentPart } from '../core/index.js';
import {
  ChatController,
  type BranchInfo,
  type ChatControllerSettings,
  type ChatInput,
  type FrameScheduler,
  type MessageRef,
} from './chat-controller.js';
import { activeMessages, type ChatState, type ChatStatus, type ChatStore } from './chat-store.js';
import { threadUsage, type ThreadUsage } from './chat-usage.js';
import { useHayloftContext } from './hayloft-context.js';
import type { PersistOptions } from './persist-chat-store.js';

/** Options of {@link useChatGenerator}. Settings may change between renders; the rest is read once. */
export interface UseChatGeneratorOptions extends Partial<Omit<ChatControllerSettings, 'generator'>> {
  /** The generator; the nearest `HayloftProvider`'s by default. */
  generator?: ChatGenerator;
  /** The thread to show; made with `initialMessages` when it does not exist. Changing it switches threads. */
  threadId?: string;
  /** The messages a new thread starts with (read once). */
  initialMessages?: readonly ChatMessage[];
  /** Keep threads across reloads: `{ key }` stores them in IndexedDB (read once). */
  persist?: PersistOptions;
  /** Drive this store instead of a new one (read once). */
  store?: ChatStore;
  /** Defaults to `requestAnimationFrame` (read once). */
  scheduleFrame?: FrameScheduler;
}

/**
 * What {@link useChatGenerator} returns. Reading a field subscribes the component to it: a component
 * that reads only `status` and `send` does not re-render per token; one that reads `streaming` does.
 */
export interface UseChatGeneratorResult {
  /** The finished messages of the active branch; each keeps its identity. */
  readonly messages: readonly ChatMessage[];
  /** The assistant message being streamed, updated at most once per frame (or per network read while frames are held back); null otherwise. */
  readonly streaming: ChatMessage | null;
  readonly status: ChatStatus;
  /** The last error; the partial answer is in `messages`. */
  readonly error: HayloftError | null;
  /** Tokens over the thread, and the latest time to first token. */
  readonly usage: ThreadUsage;
  /** Tool calls waiting for approval or for `addToolResult`. */
  readonly pendingToolCalls: readonly ToolCall[];
  /** False while persisted threads load. */
  readonly hydrated: boolean;
  /** The id of the thread shown. */
  readonly threadId: string;
  /** Sends text, a message, or text with images, and streams the answer. */
  send(input: ChatInput): Promise<void>;
  /** Stops the answer; what arrived stays, marked as stopped. */
  stop(): void;
  /** Answers the last user message again, as a new branch. */
  regenerate(): Promise<void>;
  /** After an error, answers again. */
  retry(): Promise<void>;
  /** Replaces a user message by a new branch and answers it. */
  edit(message: MessageRef, input: string | readonly UserContentPart[]): Promise<void>;
  /** Empties the thread. */
  clear(): void;
  /** Gives the result of a tool call that waits for the UI. */
  addToolResult(toolCallId: string, result: unknown, options?: { error?: boolean }): Promise<void>;
  /** Approves a held tool call (all of them without an id). */
  approveToolCall(toolCallId?: string): Promise<void>;
  /** Rejects a held tool call (all of them without an id). */
  rejectToolCall(toolCallId?: string): Promise<void>;
  /** Where a message stands among its siblings. */
  branches(message: MessageRef): BranchInfo;
  /** Shows the sibling at `index` beside a message. */
  switchBranch(message: MessageRef, index: number): void;
  /** The controller underneath, for `ChatProvider` and the slice hooks. */
  readonly controller: ChatController;
}

type Slice = 'messages' | 'streaming' | 'status' | 'error' | 'usage' | 'pendingToolCalls' | 'hydrated' | 'threadId';

const activeThread = (state: ChatState) => state.threads[state.activeThreadId];

const selectors: Record<Slice, (state: ChatState) => unknown> = {
  messages: activeThread,
  streaming: (state) => state.draft,
  status: (state) => state.status,
  error: (state) => state.error,
  usage: activeThread,
  pendingToolCalls: (state) => state.pendingToolCalls,
  hydrated: (state) => state.hydrated,
  threadId: (state) => state.activeThreadId,
};

const changed = (tracked: ReadonlySet<Slice>, next: ChatState, previous: ChatState): boolean => {
  for (const slice of tracked) if (selectors[slice](next) !== selectors[slice](previous)) return true;
  return false;
};

const createResult = (controller: ChatController, track: (slice: Slice) => ChatState): UseChatGeneratorResult => ({
  get messages() {
    const thread = activeThread(track('messages'));
    return thread ? activeMessages(thread) : [];
  },
  get streaming() {
    return track('streaming').draft;
  },
  get status() {
    return track('status').status;
  },
  get error() {
    return track('error').error;
  },
  get usage() {
    const thread = activeThread(track('usage'));
    return thread ? threadUsage(thread) : threadUsage(controller.thread);
  },
  get pendingToolCalls() {
    return track('pendingToolCalls').pendingToolCalls;
  },
  get hydrated() {
    return track('hydrated').hydrated;
  },
  get threadId() {
    return track('threadId').activeThreadId;
  },
  send: (input) => controller.send(input),
  stop: () => controller.stop(),
  regenerate: () => controller.regenerate(),
  retry: () => controller.retry(),
  edit: (message, input) => controller.edit(message, input),
  clear: () => controller.clear(),
  addToolResult: (id, result, options) => controller.addToolResult(id, result, options),
  approveToolCall: (id) => controller.approveToolCall(id),
  rejectToolCall: (id) => controller.rejectToolCall(id),
  branches: (message) => {
    track('messages');
    return controller.branchOf(message);
  },
  switchBranch: (message, index) => controller.switchBranch(message, index),
  controller,
});

/**
 * A chat bound to React: streams answers, runs client-side tools, keeps branches and (with `persist`)
 * threads across reloads. The result is one stable object whose fields subscribe on read.
 *
 * @example
 * const chat = useChatGenerator({ generator: new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1' }) });
 * return <form onSubmit={(event) => { event.preventDefault(); void chat.send(text); }}>...</form>;
 */
export function useChatGenerator(options: UseChatGeneratorOptions = {}): UseChatGeneratorResult {
  const context = useHayloftContext();
  const generator = options.generator ?? context?.generator;
  if (!generator) {
    throw new ConfigError('useChatGenerator needs a generator: pass { generator }, or render it within <HayloftProvider generator={...}>.');
  }
  const settings: ChatControllerSettings = { ...options, generator };
  const [controller] = useState(() => new ChatController({ ...options, generator }));

  // Slices read by this component, and the state it last rendered: only their changes re-render it.
  const tracked = useRef(new Set<Slice>()).current;
  const rendered = useRef<ChatState>(controller.store.getState());
  const version = useRef(0);
  const subscribe = useCallback(
    (notify: () => void) => {
      const check = (state: ChatState, previous: ChatState) => {
        if (!changed(tracked, state, previous)) return;
        version.current += 1;
        notify();
      };
      const unsubscribe = controller.store.subscribe(check);
      // A change between render and subscription would otherwise go unseen.
      check(controller.store.getState(), rendered.current);
      return unsubscribe;
    },
    [controller, tracked],
  );
  const getVersion = useCallback(() => version.current, []);
  useSyncExternalStore(subscribe, getVersion, getVersion);
  rendered.current = controller.store.getState();

  const [result] = useState(() =>
    createResult(controller, (slice) => {
      tracked.add(slice);
      return controller.store.getState();
    }),
  );

  useEffect(() => controller.configure(settings));
  const { threadId } = options;
  useEffect(() => {
    if (threadId !== undefined && threadId !== controller.store.getState().activeThreadId) {
      void controller.ready.then(() => controller.openThread(threadId, options.initialMessages));
    }
    // initialMessages are read with the thread they start, not watched.
  }, [controller, threadId]);
  useEffect(() => () => controller.stop(), [controller]);
  return result;
}
