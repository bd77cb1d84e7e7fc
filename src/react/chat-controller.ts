import {
  AbortError,
  ChatMessage,
  ConfigError,
  HayloftError,
  StreamAssembler,
  flattenTools,
  toolResultToString,
  type ChatGenerator,
  type StreamingChunk,
  type Tool,
  type ToolCall,
  type ToolsInput,
  type UserContentPart,
} from '../core/index.js';
import { activePath, appendMessage, createChatStore, latestLeaf, siblingsOf, type ChatStore, type ChatThread } from './chat-store.js';

/** Runs `callback` before the next paint; returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void;

const defaultScheduler: FrameScheduler = (callback) => {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => number; cancelAnimationFrame?: (id: number) => void });
  if (raf.requestAnimationFrame && raf.cancelAnimationFrame) {
    const id = raf.requestAnimationFrame(callback);
    return () => raf.cancelAnimationFrame?.(id);
  }
  const timer = setTimeout(callback, 16);
  return () => clearTimeout(timer);
};

/** Options of {@link ChatController}. */
export interface ChatControllerOptions {
  /** Any chat generator: cloud, local, or a `FallbackChatGenerator`. */
  generator: ChatGenerator;
  /** The store to drive; a new one by default. */
  store?: ChatStore;
  /** Sent first on every request, never stored in the thread. */
  systemPrompt?: string;
  /** Client-side tools the model may call; their results go back to the model automatically. */
  tools?: ToolsInput;
  /** How many tool rounds one `send` may run; default 5. */
  maxToolRounds?: number;
  /** Hold tool calls for the user's approval: all of them, or those the predicate picks. */
  requireToolApproval?: boolean | ((call: ToolCall) => boolean);
  /** Called with each finished assistant message. */
  onFinish?: (message: ChatMessage) => void;
  /** Called with each error (the partial answer is already in the thread). */
  onError?: (error: HayloftError) => void;
  /** Defaults to `requestAnimationFrame` (a 16 ms timer where there is none). */
  scheduleFrame?: FrameScheduler;
}

/**
 * The chat logic without React: send, stop, retry, regenerate, edit, branches and the tool loop,
 * over any chat generator, written into a {@link ChatStore}. The streaming draft reaches the store at
 * most once per frame; a finished message never changes identity; a stopped or failed answer stays in
 * the thread with what arrived.
 *
 * @example
 * const chat = new ChatController({ generator: new OpenAIChatGenerator({ apiBaseUrl: '/api/openai/v1' }) });
 * await chat.send('What is BM25?');
 * chat.store.getState().draft;
 */
export class ChatController {
  /** The store this controller writes. */
  readonly store: ChatStore;
  readonly #options: ChatControllerOptions;
  readonly #tools: Tool[];
  #abort: AbortController | undefined;
  #inflight: Promise<void> | undefined;
  #toolRounds = 0;

  constructor(options: ChatControllerOptions) {
    this.#options = options;
    this.store = options.store ?? createChatStore();
    this.#tools = flattenTools(options.tools);
  }

  /** The active thread. */
  get thread(): ChatThread {
    const state = this.store.getState();
    const thread = state.threads[state.activeThreadId];
    if (!thread) throw new ConfigError(`No thread '${state.activeThreadId}' in the store.`);
    return thread;
  }

  /** The messages of the active branch, in order. */
  get messages(): ChatMessage[] {
    return activePath(this.thread).map((node) => node.message);
  }

  #busy(): boolean {
    const { status } = this.store.getState();
    return status === 'submitted' || status === 'streaming';
  }

  #setThread(thread: ChatThread): void {
    this.store.setState((state) => ({ threads: { ...state.threads, [thread.id]: thread } }));
  }

  /** Sends a user message (text, a message, or text and image parts) and streams the answer. */
  async send(input: string | ChatMessage | readonly UserContentPart[]): Promise<void> {
    if (this.#busy()) throw new ConfigError('A reply is still being generated: stop it or wait before sending again.');
    const message = input instanceof ChatMessage ? input : ChatMessage.fromUser(input);
    const { thread } = appendMessage(this.thread, this.thread.leafId, message);
    this.#setThread(thread);
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
    const lastUser = [...path].reverse().find((node) => node.message.role === 'user');
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
  async edit(nodeId: string, input: string | readonly UserContentPart[]): Promise<void> {
    const node = this.thread.nodes[nodeId];
    if (node?.message.role !== 'user') throw new ConfigError(`Only user messages can be edited; '${nodeId}' is not one.`);
    await this.#settle();
    const { thread } = appendMessage(this.thread, node.parentId, ChatMessage.fromUser(input));
    this.#setThread(thread);
    this.#toolRounds = 0;
    await this.#generate();
  }

  /** Shows another branch: the sibling at `index` among `nodeId`'s siblings, down to its latest leaf. */
  switchBranch(nodeId: string, index: number): void {
    const siblings = siblingsOf(this.thread, nodeId);
    const target = siblings[index];
    if (target === undefined) throw new ConfigError(`There is no branch ${index} beside '${nodeId}' (there are ${siblings.length}).`);
    this.#setThread({ ...this.thread, leafId: latestLeaf(this.thread, target) });
  }

  /** Runs the held tool calls the user approved, or tells the model they were rejected, and continues. */
  async approveToolCalls(approved = true): Promise<void> {
    const calls = this.store.getState().pendingToolCalls;
    if (calls.length === 0) return;
    this.store.setState({ pendingToolCalls: [], status: 'submitted' });
    await this.#answerToolCalls(calls, approved);
  }

  /** Rejects the held tool calls; the model is told and answers without them. */
  rejectToolCalls(): Promise<void> {
    return this.approveToolCalls(false);
  }

  /** Empties the active thread. */
  clear(): void {
    this.stop();
    this.#setThread({ ...this.thread, nodes: {}, rootIds: [], leafId: null });
    this.store.setState({ status: 'ready', error: null, draft: null, pendingToolCalls: [] });
  }

  #generate(): Promise<void> {
    const run = this.#generateOnce();
    this.#inflight = run;
    return run;
  }

  async #generateOnce(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    const assembler = new StreamAssembler();
    const schedule = this.#options.scheduleFrame ?? defaultScheduler;
    let cancelFrame: (() => void) | undefined;
    const flushDraft = () => {
      cancelFrame = undefined;
      this.store.setState({ draft: assembler.finish({ completed: false })[0] ?? null, status: 'streaming' });
    };
    const onChunk = (chunk: StreamingChunk) => {
      assembler.push(chunk);
      cancelFrame ??= schedule(flushDraft);
    };
    const history = this.messages;
    const request = this.#options.systemPrompt ? [ChatMessage.fromSystem(this.#options.systemPrompt), ...history] : history;
    this.store.setState({ status: 'submitted', error: null, draft: null });
    try {
      const { replies } = await this.#options.generator.run(request, {
        streamingCallback: onChunk,
        signal: abort.signal,
        ...(this.#tools.length > 0 ? { tools: this.#tools } : {}),
      });
      cancelFrame?.();
      const reply = replies[0];
      if (!reply) throw new ConfigError('The generator returned no reply.');
      const { thread } = appendMessage(this.thread, this.thread.leafId, reply);
      this.#setThread(thread);
      this.store.setState({ draft: null, status: 'ready' });
      this.#options.onFinish?.(reply);
      await this.#continueWithTools(reply);
    } catch (error) {
      cancelFrame?.();
      const failure = HayloftError.isInstance(error) ? error : new HayloftError(error instanceof Error ? error.message : String(error), { cause: error });
      const partial = failure.replies?.[0];
      if (partial && partial.content.length > 0) {
        const stopped = AbortError.isInstance(failure) ? partial.withMeta({ stopped: true }) : partial;
        this.#setThread(appendMessage(this.thread, this.thread.leafId, stopped).thread);
      }
      const aborted = AbortError.isInstance(failure);
      this.store.setState({ draft: null, status: aborted ? 'ready' : 'error', error: aborted ? null : failure });
      if (!aborted) this.#options.onError?.(failure);
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
    }
  }

  async #continueWithTools(reply: ChatMessage): Promise<void> {
    const calls = reply.toolCalls;
    if (calls.length === 0 || this.#tools.length === 0) return;
    if (this.#toolRounds >= (this.#options.maxToolRounds ?? 5)) return;
    const rule = this.#options.requireToolApproval ?? false;
    if (rule === true || (typeof rule === 'function' && calls.some(rule))) {
      this.store.setState({ status: 'awaiting-approval', pendingToolCalls: calls });
      return;
    }
    await this.#answerToolCalls(calls, true);
  }

  async #answerToolCalls(calls: readonly ToolCall[], approved: boolean): Promise<void> {
    this.#toolRounds += 1;
    for (const call of calls) {
      const result = approved ? await this.#runTool(call) : { text: 'The user rejected this tool call.', error: true };
      this.#setThread(appendMessage(this.thread, this.thread.leafId, ChatMessage.fromTool(result.text, call, { error: result.error })).thread);
    }
    await this.#generate();
  }

  async #runTool(call: ToolCall): Promise<{ text: string; error: boolean }> {
    const tool = this.#tools.find((candidate) => candidate.name === call.toolName);
    if (!tool) return { text: `There is no tool named '${call.toolName}'.`, error: true };
    try {
      return { text: toolResultToString(await tool.invoke(call.arguments, { toolCall: call, signal: this.#abort?.signal })), error: false };
    } catch (error) {
      // The model sees the failure and can recover; the user sees it in the thread.
      return { text: error instanceof Error ? error.message : String(error), error: true };
    }
  }
}
