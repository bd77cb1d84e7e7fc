import {
  AbortError,
  ChatMessage,
  ConfigError,
  HayloftError,
  ImageContent,
  StreamAssembler,
  flattenTools,
  type ChatGenerator,
  type StreamingChunk,
  type Tool,
  type ToolCall,
  type ToolsInput,
  type UserContentPart,
} from '../core/index.js';
import {
  activeMessages,
  activePath,
  appendMessage,
  appendMessages,
  branchInfo,
  createChatStore,
  emptyThread,
  findNode,
  latestLeaf,
  newId,
  siblingsOf,
  type ChatStore,
  type ChatThread,
} from './chat-store.js';
import { scheduleFrame, type FrameScheduler } from './frame-scheduler.js';
import { persistChatStore, type PersistHandle, type PersistOptions } from './persist-chat-store.js';
import { runToolCall, withToolCallIds, type OnToolCall } from './run-tool-call.js';

export type { FrameScheduler } from './frame-scheduler.js';

/** What a user can send: text, a message, text and image parts, or text with image files (uploads, pastes). */
export type ChatInput = string | ChatMessage | readonly UserContentPart[] | { text: string; files?: readonly Blob[] };

/** How many chunks may wait for a frame before they are assembled anyway. */
const maxUnseenChunks = 4096;

/**
 * How long a draft frame may be late (two frames at 60 Hz) before the chunks of a network read are
 * shown at the end of that read instead. A fast stream's reads keep the page busy and the browser
 * gives it no frames: without this, the draft stood still for the whole burst, and the last render
 * had the whole answer to lex and render after its last byte.
 */
const frameOverdueMs = 32;

/** True where the page is hidden: frames do not come there, and nobody sees a draft. */
const pageHidden = (): boolean => (globalThis as { document?: { visibilityState?: string } }).document?.visibilityState === 'hidden';

type TextAndFiles = { text: string; files?: readonly Blob[] };

const textPart = (text: string) => (text.trim() === '' ? [] : [{ type: 'text', text } as const]);

// Text, a message, parts, or text with no files become a message at once; only files are read first.
// Sending then stays in one task, so the question and the busy status reach the screen in one render
// instead of two (the composer sends `{ text, files: [] }` when nothing is attached).
const userMessageNow = (input: ChatInput): ChatMessage | undefined => {
  if (input instanceof ChatMessage) return input;
  if (typeof input === 'string' || Array.isArray(input)) return ChatMessage.fromUser(input);
  const { text, files = [] } = input as TextAndFiles;
  return files.length === 0 ? ChatMessage.fromUser(textPart(text)) : undefined;
};

const withFiles = async ({ text, files = [] }: TextAndFiles): Promise<ChatMessage> => {
  const images = await Promise.all(files.map((file) => ImageContent.fromBlob(file)));
  return ChatMessage.fromUser([...textPart(text), ...images]);
};

/** A message, or the id of its node: how branch and edit methods name a message. */
export type MessageRef = string | ChatMessage;

/** Where a message stands among its siblings (edits or regenerations of the same turn). */
export interface BranchInfo {
  /** Its position, from 0. */
  readonly index: number;
  /** How many siblings there are, itself included. */
  readonly count: number;
}

/** The options a running controller can take again (the hook passes them on every render). */
export interface ChatControllerSettings {
  /** Any chat generator: cloud, local, or a `FallbackChatGenerator`. */
  generator: ChatGenerator;
  /** Sent first on every request, never stored in the thread. */
  systemPrompt?: string;
  /** Client-side tools the model may call; their results go back to the model automatically. */
  tools?: ToolsInput;
  /** How many tool rounds one `send` may run; default 5. */
  maxToolRounds?: number;
  /** Answers a tool call in the UI; return undefined to wait for `addToolResult`. Runs before `tools`. */
  onToolCall?: OnToolCall;
  /** Hold tool calls for the user's approval: all of them, or those the predicate picks. */
  requireToolApproval?: boolean | ((call: ToolCall) => boolean);
  /** Called with each finished assistant message. */
  onFinish?: (message: ChatMessage) => void;
  /** Called with each error (the partial answer is already in the thread). */
  onError?: (error: HayloftError) => void;
}

/** Options of {@link ChatController}. */
export interface ChatControllerOptions extends ChatControllerSettings {
  /** The store to drive; a new one by default. */
  store?: ChatStore;
  /** The thread to show; made (with `initialMessages`) when it does not exist. */
  threadId?: string;
  /** The messages a new thread starts with. */
  initialMessages?: readonly ChatMessage[];
  /** Keep threads across reloads. Sending waits until the stored threads are read. */
  persist?: PersistOptions;
  /** Defaults to `requestAnimationFrame` (a 16 ms timer where there is none). */
  scheduleFrame?: FrameScheduler;
}

const defaultTitle = 'New chat';
const titleOf = (text: string): string => {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 48 ? `${line.slice(0, 47)}…` : line || defaultTitle;
};

const failureOf = (error: unknown): HayloftError =>
  HayloftError.isInstance(error) ? error : new HayloftError(error instanceof Error ? error.message : String(error), { cause: error });

/**
 * The chat logic without React: send, stop, retry, regenerate, edit, branches, threads and the tool
 * loop, over any chat generator, written into a {@link ChatStore}. The streaming draft reaches the
 * store at most once per frame (where a fast stream holds frames back, at the end of a network read
 * instead); a finished message never changes identity; a stopped or failed answer stays in its
 * thread with what arrived.
 *
 * @example
 * const chat = new ChatController({ generator: new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1' }) });
 * await chat.send('What is BM25?');
 * chat.messages.at(-1)?.text;
 */
export class ChatController {
  /** The store this controller writes. */
  readonly store: ChatStore;
  /** Resolves once persisted threads are loaded (at once without `persist`). */
  readonly ready: Promise<void>;
  #settings: ChatControllerSettings;
  #tools: Tool[];
  readonly #schedule: FrameScheduler;
  readonly #persistence: PersistHandle | undefined;
  #abort: AbortController | undefined;
  #inflight: Promise<void> | undefined;
  #toolRounds = 0;
  /** True once `ready` has settled the thread: a send need not wait for it. */
  #opened = false;
  readonly #decisions = new Map<ToolCall, boolean>();

  constructor(options: ChatControllerOptions) {
    this.#settings = options;
    this.#tools = flattenTools(options.tools);
    this.#schedule = options.scheduleFrame ?? scheduleFrame;
    this.store = options.store ?? createChatStore();
    this.#persistence = options.persist ? persistChatStore(this.store, options.persist) : undefined;
    const open = () => {
      this.#openThread(options.threadId, options.initialMessages);
      this.#opened = true;
    };
    if (this.#persistence) {
      this.ready = this.#persistence.ready.then(open);
    } else {
      open();
      this.ready = Promise.resolve();
    }
  }

  /** Takes new settings (generator, tools, callbacks); a reply in flight finishes with the old ones. */
  configure(settings: ChatControllerSettings): void {
    if (settings.tools !== this.#settings.tools) this.#tools = flattenTools(settings.tools);
    this.#settings = settings;
  }

  /** The active thread. */
  get thread(): ChatThread {
    return this.#thread(this.store.getState().activeThreadId);
  }

  /** The messages of the active branch, in order (the same array until the branch changes). */
  get messages(): readonly ChatMessage[] {
    return activeMessages(this.thread);
  }

  #thread(id: string): ChatThread {
    const thread = this.store.getState().threads[id];
    if (!thread) throw new ConfigError(`No thread '${id}' in the store.`);
    return thread;
  }

  #setThread(thread: ChatThread): void {
    this.store.setState((state) => ({ threads: { ...state.threads, [thread.id]: thread } }));
  }

  #append(threadId: string, message: ChatMessage): void {
    const thread = this.#thread(threadId);
    this.#setThread(appendMessage(thread, thread.leafId, message).thread);
  }

  /** Opens a thread (made with `initialMessages` when it does not exist, or is empty) and shows it. */
  openThread(threadId: string, initialMessages: readonly ChatMessage[] = []): void {
    if (threadId !== this.store.getState().activeThreadId) {
      this.stop();
      this.store.setState(this.#idle());
    }
    this.#openThread(threadId, initialMessages);
  }

  // The state of a thread with nothing in flight; held tool calls are dropped.
  #idle() {
    this.#decisions.clear();
    return { status: 'ready', error: null, draft: null, pendingToolCalls: [] } as const;
  }

  #openThread(threadId: string | undefined, initialMessages: readonly ChatMessage[] = []): void {
    const { threads, activeThreadId } = this.store.getState();
    const id = threadId ?? activeThreadId;
    const existing = threads[id];
    if (existing && existing.leafId !== null) {
      this.store.setState({ activeThreadId: id });
      return;
    }
    this.#setThread(appendMessages(existing ?? emptyThread(id), initialMessages));
    this.store.setState({ activeThreadId: id });
  }

  #busy(): boolean {
    const { status } = this.store.getState();
    return status === 'submitted' || status === 'streaming';
  }

  /** Sends a user message (text, a message, or text and image parts) and streams the answer. */
  async send(input: ChatInput): Promise<void> {
    if (this.#busy()) throw new ConfigError('A reply is still being generated: stop it or wait before sending again.');
    // Busy from here on, even while files are read or stored threads load, so a second send is refused.
    this.store.setState({ status: 'submitted', error: null });
    let message: ChatMessage;
    let threadId: string;
    try {
      message = userMessageNow(input) ?? (await withFiles(input as TextAndFiles));
      if (!this.#opened) await this.ready;
      threadId = this.store.getState().activeThreadId;
      const thread = this.#thread(threadId);
      // A new thread is named after its first question, until the user renames it.
      if (thread.leafId === null && thread.title === defaultTitle && message.text) this.#setThread({ ...thread, title: titleOf(message.text) });
    } catch (error) {
      this.store.setState({ status: 'ready' });
      throw error;
    }
    this.#append(threadId, message);
    this.#toolRounds = 0;
    await this.#generate();
  }

  /** Stops the answer being generated; what arrived stays in the thread, marked as stopped. */
  stop(): void {
    this.#abort?.abort();
  }

  // Stops a reply in flight and waits until it has written its partial answer, so the next
  // generation starts from a settled thread and status.
  async #settle(): Promise<void> {
    this.stop();
    await this.#inflight;
  }

  /** Answers the last user message again, as a new branch beside the previous answer. */
  async regenerate(): Promise<void> {
    await this.#settle();
    const path = activePath(this.thread);
    const lastUser = path.findLast((node) => node.message.role === 'user');
    if (!lastUser) throw new ConfigError('There is no user message to answer again.');
    this.#setThread({ ...this.thread, leafId: lastUser.id });
    this.#toolRounds = 0;
    await this.#generate();
  }

  /** After an error: answers the last user message again. */
  retry(): Promise<void> {
    return this.regenerate();
  }

  /** Replaces a user message by a new branch with other content, and answers it. */
  async edit(target: MessageRef, input: string | readonly UserContentPart[]): Promise<void> {
    const node = findNode(this.thread, target);
    if (node?.message.role !== 'user') throw new ConfigError('Only user messages of the active thread can be edited; this is not one.');
    await this.#settle();
    this.#setThread(appendMessage(this.thread, node.parentId, ChatMessage.fromUser(input)).thread);
    this.#toolRounds = 0;
    await this.#generate();
  }

  /** Where a message stands among its siblings; `count` is 1 when it has none. */
  branchOf(target: MessageRef): BranchInfo {
    return branchInfo(this.thread, target);
  }

  /** Shows another branch: the sibling at `index` beside a message, down to its latest leaf. */
  switchBranch(target: MessageRef, index: number): void {
    const node = findNode(this.thread, target);
    const siblings = node ? siblingsOf(this.thread, node.id) : [];
    const sibling = siblings[index];
    if (sibling === undefined) throw new ConfigError(`There is no branch ${index} beside that message (there are ${siblings.length}).`);
    if (this.#busy()) this.stop();
    this.#setThread({ ...this.thread, leafId: latestLeaf(this.thread, sibling), updatedAt: Date.now() });
  }

  /** Approves a held tool call (all of them without an id); once none waits, they run and the model continues. */
  approveToolCall(toolCallId?: string): Promise<void> {
    return this.#decide(toolCallId, true);
  }

  /** Rejects a held tool call (all of them without an id); the model is told and answers without it. */
  rejectToolCall(toolCallId?: string): Promise<void> {
    return this.#decide(toolCallId, false);
  }

  async #decide(toolCallId: string | undefined, approved: boolean): Promise<void> {
    const { pendingToolCalls, status, activeThreadId } = this.store.getState();
    if (status !== 'awaiting-approval') throw new ConfigError('No tool call is waiting for approval.');
    const chosen = toolCallId === undefined ? pendingToolCalls : pendingToolCalls.filter((call) => call.id === toolCallId);
    if (chosen.length === 0) throw new ConfigError(`No tool call '${String(toolCallId)}' is waiting for approval.`);
    for (const call of chosen) this.#decisions.set(call, approved);
    if (pendingToolCalls.some((call) => !this.#decisions.has(call))) return;
    const decided = pendingToolCalls.map((call) => ({ call, approved: this.#decisions.get(call) ?? false }));
    this.#decisions.clear();
    this.store.setState({ pendingToolCalls: [], status: 'submitted' });
    await this.#answerToolCalls(activeThreadId, decided);
  }

  /** Gives the result of a tool call that waits for the UI; once none waits, the model continues. */
  async addToolResult(toolCallId: string, result: unknown, options: { error?: boolean } = {}): Promise<void> {
    const { pendingToolCalls, status, activeThreadId } = this.store.getState();
    const call = pendingToolCalls.find((candidate) => candidate.id === toolCallId);
    if (status !== 'awaiting-tool-result' || !call) throw new ConfigError(`No tool call '${toolCallId}' is waiting for a result.`);
    const text = typeof result === 'string' ? result : JSON.stringify(result);
    this.#append(activeThreadId, ChatMessage.fromTool(text, call, { error: options.error ?? false }));
    const rest = pendingToolCalls.filter((candidate) => candidate !== call);
    this.store.setState({ pendingToolCalls: rest, status: rest.length > 0 ? 'awaiting-tool-result' : 'submitted' });
    if (rest.length === 0) await this.#generate(activeThreadId);
  }

  /** Empties the active thread. */
  clear(): void {
    this.stop();
    this.#setThread({ ...this.thread, nodes: {}, rootIds: [], leafId: null, updatedAt: Date.now() });
    this.store.setState({ ...this.#idle() });
  }

  /** Makes a thread and shows it; returns its id. A reply in flight is stopped and kept. */
  createThread(title?: string): string {
    this.stop();
    const thread = emptyThread(newId('thread'), title);
    this.#setThread(thread);
    this.store.setState({ activeThreadId: thread.id, ...this.#idle() });
    return thread.id;
  }

  /** Shows another thread. A reply in flight is stopped and kept in its own thread. */
  switchThread(threadId: string): void {
    this.#thread(threadId);
    if (threadId === this.store.getState().activeThreadId) return;
    this.stop();
    this.store.setState({ activeThreadId: threadId, ...this.#idle() });
  }

  /** Renames a thread. */
  renameThread(threadId: string, title: string): void {
    this.#setThread({ ...this.#thread(threadId), title });
  }

  /** Deletes a thread; deleting the active one shows the most recent other thread, or a new one. */
  deleteThread(threadId: string): void {
    const { threads, activeThreadId } = this.store.getState();
    if (!threads[threadId]) return;
    if (threadId === activeThreadId) this.stop();
    const rest = Object.fromEntries(Object.entries(threads).filter(([id]) => id !== threadId));
    const next = Object.values(rest).sort((a, b) => b.updatedAt - a.updatedAt)[0] ?? emptyThread();
    this.store.setState({
      threads: { ...rest, [next.id]: next },
      ...(threadId === activeThreadId ? { activeThreadId: next.id, ...this.#idle() } : {}),
    });
  }

  /** Stops what runs and stops persisting (what was written stays). */
  dispose(): void {
    this.stop();
    this.#persistence?.dispose();
  }

  /** Resolves when every change so far is persisted. */
  async flush(): Promise<void> {
    await this.#persistence?.flush();
  }

  #generate(threadId = this.store.getState().activeThreadId): Promise<void> {
    const run = this.#generateOnce(threadId);
    this.#inflight = run;
    return run;
  }

  async #generateOnce(threadId: string): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const settings = this.#settings;
    const assembler = new StreamAssembler();
    const started = performance.now();
    let firstTokenMs: number | null = null;
    let framePending = false;
    let cancelFrame: (() => void) | undefined;
    // Chunks wait for the next frame to be assembled into the draft: a reply that ends before that
    // frame (a fast server, a large read) is shown from the generator's own replies, and the draft
    // never assembles it a second time. Where frames do not come (a hidden tab), they are folded in
    // every few thousand, so waiting chunks stay few.
    const unseen: StreamingChunk[] = [];
    const assembleUnseen = () => {
      for (const chunk of unseen) assembler.push(chunk);
      unseen.length = 0;
    };
    // Set once the run is over: a frame or a microtask still pending writes no draft after the reply.
    let stopped = false;
    const flushDraft = () => {
      framePending = false;
      cancelFrame = undefined;
      if (stopped) return;
      assembleUnseen();
      if (!abort.signal.aborted) this.store.setState({ draft: assembler.finish({ completed: false })[0] ?? null, status: 'streaming' });
    };
    // When the frame is overdue, the draft is shown at the end of the network read in progress: a
    // microtask queued during a read runs once the generator waits for the next one, before it is
    // parsed. The render then lands before the next read's bytes, not after the last one. The next
    // chunk asks for a frame again, so this happens at most every other read, and only while frames
    // stay away.
    // Not once the reply is finished (its finish reason arrived): the reply itself is shown right
    // after, and a draft render of the same text first would do that work twice. A gateway that puts
    // a finish reason on every chunk gets frames only, as before.
    let frameAskedAt = 0;
    let overdueFlushQueued = false;
    let replyFinished = false;
    const flushOverdue = () => {
      overdueFlushQueued = false;
      if (!framePending || replyFinished) return;
      cancelFrame?.();
      flushDraft();
    };
    const stopDraft = () => {
      stopped = true;
      framePending = false;
      cancelFrame?.();
      cancelFrame = undefined;
    };
    const onChunk = (chunk: StreamingChunk) => {
      firstTokenMs ??= performance.now() - started;
      unseen.push(chunk);
      if (unseen.length >= maxUnseenChunks) assembleUnseen();
      // The draft shows the first choice (as the assembler reads it): its finish reason ends what it shows.
      if (chunk.finishReason && (typeof chunk.meta.index === 'number' ? chunk.meta.index : 0) === 0) replyFinished = true;
      if (framePending) {
        if (!overdueFlushQueued && performance.now() - frameAskedAt > frameOverdueMs && !pageHidden()) {
          overdueFlushQueued = true;
          queueMicrotask(flushOverdue);
        }
        return;
      }
      framePending = true;
      frameAskedAt = performance.now();
      const cancel = this.#schedule(flushDraft);
      // A scheduler may run the frame at once (tests, a server render): then nothing is pending.
      if (framePending) cancelFrame = cancel;
    };
    const timing = () => ({ time_to_first_token_ms: firstTokenMs, finished_at: Date.now() });
    const history = activeMessages(this.#thread(threadId));
    const request = settings.systemPrompt ? [ChatMessage.fromSystem(settings.systemPrompt), ...history] : history;
    this.store.setState({ status: 'submitted', error: null, draft: null });
    try {
      const { replies } = await settings.generator.run(request, {
        streamingCallback: onChunk,
        signal: abort.signal,
        ...(this.#tools.length > 0 ? { tools: this.#tools } : {}),
      });
      stopDraft();
      const first = replies[0];
      if (!first) throw new ConfigError('The generator returned no reply.');
      const reply = this.#withCallIds(first).withMeta(timing());
      this.#append(threadId, reply);
      this.store.setState({ draft: null, status: 'ready' });
      settings.onFinish?.(reply);
      if (!abort.signal.aborted) await this.#continueWithTools(threadId, reply);
    } catch (error) {
      stopDraft();
      const failure = failureOf(error);
      const aborted = AbortError.isInstance(failure);
      const partial = failure.replies?.[0];
      if (partial && partial.content.length > 0) {
        this.#append(threadId, partial.withMeta({ ...timing(), ...(aborted ? { stopped: true } : {}) }));
      }
      this.store.setState({ draft: null, status: aborted ? 'ready' : 'error', error: aborted ? null : failure });
      if (!aborted) settings.onError?.(failure);
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  #withCallIds(reply: ChatMessage): ChatMessage {
    const calls = withToolCallIds(reply.toolCalls, newId('call'));
    if (!calls) return reply;
    let next = 0;
    const content = reply.content.map((part) => (part.type === 'tool_call' ? (calls[next++] ?? part) : part));
    return ChatMessage.create('assistant', content, { meta: reply.meta, ...(reply.name === null ? {} : { name: reply.name }) });
  }

  async #continueWithTools(threadId: string, reply: ChatMessage): Promise<void> {
    const calls = reply.toolCalls;
    if (calls.length === 0 || (this.#tools.length === 0 && !this.#settings.onToolCall)) return;
    if (this.#toolRounds >= (this.#settings.maxToolRounds ?? 5)) return;
    const rule = this.#settings.requireToolApproval ?? false;
    if (rule === true || (typeof rule === 'function' && calls.some(rule))) {
      this.store.setState({ status: 'awaiting-approval', pendingToolCalls: calls });
      return;
    }
    await this.#answerToolCalls(threadId, calls.map((call) => ({ call, approved: true })));
  }

  async #answerToolCalls(threadId: string, calls: ReadonlyArray<{ call: ToolCall; approved: boolean }>): Promise<void> {
    this.#toolRounds += 1;
    // stop() during a tool round reaches the tools through this signal, and ends the loop.
    const abort = new AbortController();
    this.#abort = abort;
    const waiting: ToolCall[] = [];
    for (const { call, approved } of calls) {
      const outcome = approved
        ? await runToolCall(call, this.#tools, this.#settings.onToolCall, abort.signal)
        : { text: 'The user rejected this tool call.', error: true };
      if (outcome) this.#append(threadId, ChatMessage.fromTool(outcome.text, call, { error: outcome.error }));
      else waiting.push(call);
    }
    if (this.#abort === abort) this.#abort = undefined;
    if (abort.signal.aborted) {
      this.store.setState({ status: 'ready' });
      return;
    }
    if (waiting.length > 0) {
      this.store.setState({ status: 'awaiting-tool-result', pendingToolCalls: waiting });
      return;
    }
    await this.#generate(threadId);
  }
}
