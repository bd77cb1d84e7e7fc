import { describe, expect, it, vi } from 'vitest';
import { ChatMessage, OpenAIChatGenerator, Secret, Tool, type ChatMessage as Message } from '../../src/index.js';
import { ChatController, activePath, siblingsOf } from '../../src/react/index.js';
import type { FrameScheduler } from '../../src/react/index.js';
import { expectedText } from '../support/fixtures.js';
import { loadChunks } from '../support/replay-server.js';
import { weatherTool } from '../support/tools.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();
const generator = () => new OpenAIChatGenerator({ apiKey: Secret.fromToken('sk-controller-test'), apiBaseUrl: `${server.url}/v1`, maxRetries: 0 });

/** A frame scheduler the test drives: frames run only when it says so, and are counted. */
const manualFrames = () => {
  const queue: Array<() => void> = [];
  let scheduled = 0;
  const schedule: FrameScheduler = (callback) => {
    scheduled += 1;
    queue.push(callback);
    return () => queue.splice(queue.indexOf(callback), 1);
  };
  return { schedule, run: () => queue.splice(0).forEach((callback) => callback()), get scheduled() { return scheduled; } };
};

const weather = weatherTool();

describe('ChatController', () => {
  it('should stream into a draft at most once per frame and keep finished messages stable', async () => {
    const frames = manualFrames();
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: chunks, writeDelayMs: 2 });
    const chat = new ChatController({ generator: generator(), scheduleFrame: frames.schedule });
    const statuses: string[] = [];
    chat.store.subscribe((state) => statuses.push(state.status));
    const sending = chat.send('What is BM25?');
    while (frames.scheduled === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(chat.store.getState().draft).toBeNull();
    frames.run();
    expect(chat.store.getState().status).toBe('streaming');
    // The chunks that waited for the frame are all in the draft, in order.
    const draft = chat.store.getState().draft?.text ?? '';
    expect(draft).not.toBe('');
    expect(expectedText(chunks).startsWith(draft)).toBe(true);
    await sending;
    // Many chunks, but a frame is requested only while none is pending.
    expect(frames.scheduled).toBeLessThan(chunks.length);
    expect(chat.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(chat.messages[1]!.text).toBe(expectedText(chunks));
    expect(chat.store.getState()).toMatchObject({ status: 'ready', draft: null, error: null });
    expect(statuses).toContain('submitted');

    const first = chat.messages[1];
    server.enqueue({ sse: loadChunks('openai/multibyte') });
    await chat.send('And in German?');
    expect(chat.messages).toHaveLength(4);
    expect(chat.messages[1]).toBe(first);
  });

  it('should put a text question in the thread, busy, before send first waits', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator() });
    const sending = chat.send('What is BM25?');
    // In the same task: a UI renders the question and the busy status together, once.
    expect(chat.messages.map((message) => message.text)).toEqual(['What is BM25?']);
    expect(chat.store.getState().status).toBe('submitted');
    await sending;
    expect(chat.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    // As the composer sends it, with nothing attached.
    server.enqueue({ sse: loadChunks('openai/text') });
    const again = chat.send({ text: 'And TF-IDF?', files: [] });
    expect(chat.messages.at(-1)?.text).toBe('And TF-IDF?');
    await again;
  });

  it('should show the draft at the end of a network read once its frame is over 32 ms late, but not once the reply is finished, not sooner, and not in a hidden page', async () => {
    // Frames never come (a page kept busy by a fast stream). The events arrive in groups of three,
    // one write each, 60 ms apart: each group is one network read. Seven reads: the sixth carries the
    // last word and the finish reason, the seventh the usage.
    const chunks = loadChunks('openai/text');
    const size = 3;
    const groups: Array<{ raw: string }> = [];
    for (let at = 0; at < chunks.length; at += size) {
      groups.push({ raw: chunks.slice(at, at + size).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') });
    }
    const readEnds = new Set(groups.map((_, index) => expectedText(chunks.slice(0, (index + 1) * size))));
    const drafts = async () => {
      server.enqueue({ sse: groups, writeDelayMs: 60 });
      const frames = manualFrames();
      const chat = new ChatController({ generator: generator(), scheduleFrame: frames.schedule });
      const written: string[] = [];
      chat.store.subscribe((state, previous) => {
        if (state.draft && state.draft !== previous.draft) written.push(state.draft.text ?? '');
      });
      await chat.send('What is BM25?');
      expect(chat.messages[1]!.text).toBe(expectedText(chunks));
      return written;
    };
    const shown = await drafts();
    // Reads 2 and 4 find the frame asked for by reads 1 and 3 late; read 6 would too, but it
    // finishes the reply, which is shown right after it: a draft of the same text would be rendered
    // for nothing.
    expect(shown).toHaveLength(2);
    expect(shown).not.toContain(expectedText(chunks));
    // Each draft holds whole reads: it was written after a read's last chunk, never in the middle.
    for (const text of shown) expect(readEnds.has(text)).toBe(true);

    // A frame late by 32 ms or less is waited for: with the clock standing still, nothing is drawn
    // until a frame comes.
    vi.spyOn(performance, 'now').mockReturnValue(1_000);
    try {
      expect(await drafts()).toEqual([]);
    } finally {
      vi.restoreAllMocks();
    }

    vi.stubGlobal('document', { visibilityState: 'hidden' });
    try {
      expect(await drafts()).toEqual([]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('should write no draft after the reply, even from a frame its scheduler could not cancel', async () => {
    server.enqueue({ sse: loadChunks('openai/text'), writeDelayMs: 2 });
    const queue: Array<() => void> = [];
    const chat = new ChatController({ generator: generator(), scheduleFrame: (callback) => { queue.push(callback); return () => undefined; } });
    await chat.send('What is BM25?');
    expect(queue.length).toBeGreaterThan(0);
    queue.splice(0).forEach((callback) => callback());
    expect(chat.store.getState()).toMatchObject({ status: 'ready', draft: null });
  });

  it('should keep updating the draft with a frame scheduler that runs at once', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: chunks, writeDelayMs: 2 });
    const chat = new ChatController({ generator: generator(), scheduleFrame: (callback) => { callback(); return () => undefined; } });
    const drafts = new Set<string>();
    chat.store.subscribe((state) => {
      if (state.draft?.text) drafts.add(state.draft.text);
    });
    await chat.send('What is BM25?');
    // One draft per chunk with text, each a longer start of the answer.
    expect(drafts.size).toBeGreaterThan(2);
    for (const draft of drafts) expect(expectedText(chunks).startsWith(draft)).toBe(true);
  });

  it('should not stay busy when the thread it sends to is gone', async () => {
    const chat = new ChatController({ generator: generator() });
    chat.store.setState({ activeThreadId: 'gone' });
    await expect(chat.send('Hi')).rejects.toThrow(/gone/);
    expect(chat.store.getState().status).toBe('ready');
  });

  it('should stop mid-stream, keep what arrived marked as stopped, and abort the request', async () => {
    server.enqueue({ sse: loadChunks('openai/text').slice(0, 4), hang: true, done: false });
    const chat = new ChatController({ generator: generator(), scheduleFrame: (callback) => { callback(); return () => undefined; } });
    const disconnected = server.nextDisconnect();
    const sending = chat.send('Hi');
    while (!chat.store.getState().draft?.text) await new Promise((resolve) => setTimeout(resolve, 5));
    chat.stop();
    await sending;
    await disconnected;
    const answer = chat.messages[1]!;
    expect(answer.text).toBe(expectedText(loadChunks('openai/text').slice(0, 4)));
    expect(answer.meta).toMatchObject({ stopped: true, aborted: true });
    expect(chat.store.getState()).toMatchObject({ status: 'ready', error: null });
  });

  it('should keep the partial answer of a failed stream, then retry as a sibling branch and switch between them', async () => {
    const chunks = loadChunks('openai/text');
    server.enqueue({ sse: chunks, cutAfterEvents: 3 }, { sse: chunks });
    const errors: unknown[] = [];
    const chat = new ChatController({ generator: generator(), onError: (error) => errors.push(error) });
    await chat.send('Hi');
    expect(chat.store.getState().status).toBe('error');
    expect(errors).toHaveLength(1);
    const failed = chat.messages[1]!;
    expect(failed.text).toBe(expectedText(chunks.slice(0, 3)));
    expect(failed.meta.error).toMatchObject({ kind: 'provider', code: 'network_error' });

    await chat.retry();
    expect(chat.store.getState().status).toBe('ready');
    expect(chat.messages[1]!.text).toBe(expectedText(chunks));
    const answerId = activePath(chat.thread)[1]!.id;
    expect(siblingsOf(chat.thread, answerId)).toHaveLength(2);
    chat.switchBranch(answerId, 0);
    expect(chat.messages[1]).toBe(failed);
    chat.switchBranch(answerId, 1);
    expect(chat.messages[1]!.text).toBe(expectedText(chunks));
  });

  it('should edit a user message into a new branch and answer it', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator() });
    await chat.send('What is BM25?');
    const userId = activePath(chat.thread)[0]!.id;
    await chat.edit(userId, 'What is TF-IDF?');
    expect(chat.messages.map((message: Message) => message.text?.slice(0, 15))).toEqual(['What is TF-IDF?', expect.any(String)]);
    expect(siblingsOf(chat.thread, userId)).toHaveLength(2);
    chat.switchBranch(userId, 0);
    expect(chat.messages[0]!.text).toBe('What is BM25?');
    expect(chat.messages).toHaveLength(2);
  });

  it('should run client-side tools and continue until the model answers', async () => {
    server.enqueue({ sse: loadChunks('openai/tool-calls') }, { sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator(), tools: [weather], systemPrompt: 'Use tools.' });
    await chat.send('Weather in Köln?');
    expect(chat.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(chat.messages[2]!.toolCallResult).toMatchObject({ result: 'Sunny in Köln', error: false });
    const second = server.requests[1]!.json as { messages: Array<{ role: string; content?: string }>; tools: unknown[] };
    expect(second.messages[0]).toEqual({ role: 'system', content: 'Use tools.' });
    expect(second.messages.at(-1)).toMatchObject({ role: 'tool', content: 'Sunny in Köln' });
    expect(second.tools).toHaveLength(1);
  });

  it('should hold tool calls for approval, and tell the model when they are rejected', async () => {
    server.enqueue({ sse: loadChunks('openai/tool-calls') }, { sse: loadChunks('openai/text') });
    let ran = 0;
    const counted = new Tool({
      name: 'get_weather',
      description: 'd',
      parameters: weather.parameters,
      invoke: () => {
        ran += 1;
        return 'x';
      },
    });
    const chat = new ChatController({ generator: generator(), tools: [counted], requireToolApproval: true });
    await chat.send('Weather?');
    expect(chat.store.getState().status).toBe('awaiting-approval');
    expect(chat.store.getState().pendingToolCalls.map((call) => call.toolName)).toEqual(['get_weather']);
    await chat.rejectToolCall();
    expect(ran).toBe(0);
    expect(chat.messages[2]!.toolCallResult).toMatchObject({ error: true, result: 'The user rejected this tool call.' });
    expect(chat.store.getState().status).toBe('ready');
  });

  it('should stop the tool loop after maxToolRounds', async () => {
    server.enqueue({ sse: loadChunks('openai/tool-calls') });
    const chat = new ChatController({ generator: generator(), tools: [weather], maxToolRounds: 2 });
    await chat.send('Loop forever');
    expect(chat.messages.filter((message) => message.role === 'tool')).toHaveLength(2);
    expect(server.requests).toHaveLength(3);
    expect(chat.store.getState().status).toBe('ready');
  });

  it('should regenerate while streaming by stopping first, keeping the stopped answer as a branch', async () => {
    server.enqueue({ sse: loadChunks('openai/text').slice(0, 3), hang: true, done: false }, { sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator(), scheduleFrame: (callback) => { callback(); return () => undefined; } });
    const first = chat.send('Hi');
    while (!chat.store.getState().draft?.text) await new Promise((resolve) => setTimeout(resolve, 5));
    await chat.regenerate();
    await first;
    expect(chat.store.getState().status).toBe('ready');
    expect(chat.messages[1]!.text).toBe(expectedText(loadChunks('openai/text')));
    const answerId = activePath(chat.thread)[1]!.id;
    expect(siblingsOf(chat.thread, answerId)).toHaveLength(2);
    chat.switchBranch(answerId, 0);
    expect(chat.messages[1]!.meta.stopped).toBe(true);
  });

  it('should refuse to send while a reply is streaming, and clear the thread', async () => {
    server.enqueue({ sse: loadChunks('openai/text'), writeDelayMs: 5 });
    const chat = new ChatController({ generator: generator() });
    const sending = chat.send('One');
    await expect(chat.send(ChatMessage.fromUser('Two'))).rejects.toThrow(/still being generated/);
    await sending;
    chat.clear();
    expect(chat.messages).toEqual([]);
  });
});
