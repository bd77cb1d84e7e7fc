import { describe, expect, it } from 'vitest';
import { ChatMessage, ImageContent, OpenAIChatGenerator, Secret } from '../../src/index.js';
import { ChatController, createChatStore, createLocalStorage, createMemoryStorage, type StringStorage } from '../../src/react/index.js';
import { expectedText } from '../support/fixtures.js';
import { loadChunks } from '../support/replay-server.js';
import { useReplayServer } from '../support/use-replay-server.js';

const server = await useReplayServer();
const generator = () => new OpenAIChatGenerator({ apiKey: Secret.fromToken('sk-threads-test'), apiBaseUrl: `${server.url}/v1`, maxRetries: 0 });
const text = expectedText(loadChunks('openai/text'));
const pixel = ImageContent.fromBase64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', { mimeType: 'image/png' });

describe('ChatController threads', () => {
  it('should create, switch, rename and delete threads, each keeping its own messages', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator() });
    const first = chat.store.getState().activeThreadId;
    await chat.send('In the first thread');
    const second = chat.createThread('Second');
    expect(chat.messages).toEqual([]);
    await chat.send('In the second thread');
    chat.switchThread(first);
    expect(chat.messages.map((message) => message.text)).toEqual(['In the first thread', text]);
    chat.renameThread(second, 'Renamed');
    expect(chat.store.getState().threads[second]!.title).toBe('Renamed');
    chat.deleteThread(first);
    expect(chat.store.getState().activeThreadId).toBe(second);
    expect(Object.keys(chat.store.getState().threads)).toEqual([second]);
    expect(() => chat.switchThread('missing')).toThrow(/No thread 'missing'/);
  });

  it('should keep a reply that was streaming in its own thread when the user switches away', async () => {
    server.enqueue({ sse: loadChunks('openai/text').slice(0, 4), hang: true, done: false });
    const chat = new ChatController({ generator: generator(), scheduleFrame: (callback) => { callback(); return () => undefined; } });
    const first = chat.store.getState().activeThreadId;
    const sending = chat.send('Long question');
    while (!chat.store.getState().draft?.text) await new Promise((resolve) => setTimeout(resolve, 5));
    const other = chat.createThread();
    await sending;
    expect(chat.store.getState()).toMatchObject({ activeThreadId: other, status: 'ready', draft: null });
    expect(chat.messages).toEqual([]);
    chat.switchThread(first);
    expect(chat.messages[1]!.meta.stopped).toBe(true);
    expect(chat.messages[1]!.text).toBe(expectedText(loadChunks('openai/text').slice(0, 4)));
  });

  it('should open a named thread with initial messages once, and not again', () => {
    const initialMessages = [ChatMessage.fromSystem('Be brief.'), ChatMessage.fromAssistant('Hello! Ask me anything.')];
    const store = createChatStore();
    const chat = new ChatController({ generator: generator(), store, threadId: 'support', initialMessages });
    expect(chat.messages).toEqual(initialMessages);
    chat.openThread('support', [ChatMessage.fromAssistant('Other greeting')]);
    expect(chat.messages).toEqual(initialMessages);
  });

  it('should open a long history as one branch, each message under the one before', () => {
    const initialMessages = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? ChatMessage.fromUser(`Q${i}`) : ChatMessage.fromAssistant(`A${i}`)));
    const store = createChatStore();
    const chat = new ChatController({ generator: generator(), store, threadId: 'long', initialMessages });
    expect(chat.messages).toEqual(initialMessages);
    const thread = store.getState().threads.long!;
    const nodes = Object.values(thread.nodes);
    expect(nodes).toHaveLength(300);
    expect(thread.rootIds).toHaveLength(1);
    const root = thread.nodes[thread.rootIds[0]!]!;
    expect(root).toMatchObject({ parentId: null, message: initialMessages[0] });
    // A chain: one child each but the leaf, and each child's parent is the node that lists it.
    for (const node of nodes) {
      expect(node.childIds).toHaveLength(node.id === thread.leafId ? 0 : 1);
      for (const child of node.childIds) expect(thread.nodes[child]?.parentId).toBe(node.id);
    }
    expect(thread.nodes[thread.leafId!]?.message).toBe(initialMessages[299]);
  });
});

describe('persistChatStore', () => {
  it('should bring threads back with their branches and images after a restart', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const storage = createMemoryStorage();
    const before = new ChatController({ generator: generator(), persist: { key: 'app', storage } });
    await before.ready;
    await before.send([{ type: 'text', text: 'What is in this picture?' }, pixel]);
    await before.regenerate();
    const renamed = before.createThread('Empty but named');
    before.renameThread(renamed, 'Kept');
    before.switchThread(Object.keys(before.store.getState().threads)[0]!);
    await before.flush();

    const after = new ChatController({ generator: generator(), persist: { key: 'app', storage } });
    expect(after.store.getState().hydrated).toBe(false);
    await after.ready;
    expect(after.store.getState().hydrated).toBe(true);
    expect(Object.values(after.store.getState().threads).map((thread) => thread.title).sort()).toEqual(['Kept', 'What is in this picture?']);
    expect(after.messages).toHaveLength(2);
    expect(after.messages[0]!.images[0]!.base64Image).toBe(pixel.base64Image);
    expect(after.branchOf(after.messages[1]!)).toEqual({ index: 1, count: 2 });
    after.switchBranch(after.messages[1]!, 0);
    expect(after.messages[1]!.text).toBe(text);
  });

  it('should wait for the stored threads before sending, so nothing typed early is lost', async () => {
    server.enqueue({ sse: loadChunks('openai/text') });
    const storage = createMemoryStorage();
    const first = new ChatController({ generator: generator(), persist: { key: 'early', storage } });
    await first.send('Stored before');
    await first.flush();
    const second = new ChatController({ generator: generator(), persist: { key: 'early', storage } });
    await second.send('Typed during hydration');
    await second.flush();
    expect(second.messages.map((message) => message.text)).toEqual(['Stored before', text, 'Typed during hydration', text]);
    const third = new ChatController({ generator: generator(), persist: { key: 'early', storage } });
    await third.ready;
    expect(third.messages).toHaveLength(4);
    expect(Object.keys(third.store.getState().threads)).toHaveLength(1);
  });

  it('should write JSON to a Web Storage, and delete what is deleted', async () => {
    const items = new Map<string, string>();
    const web: StringStorage = { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
    const chat = new ChatController({ generator: generator(), persist: { key: 'ls', storage: createLocalStorage(web) } });
    await chat.ready;
    const extra = chat.createThread('Temporary');
    await chat.flush();
    expect(items.has(`ls/thread/${extra}`)).toBe(true);
    chat.deleteThread(extra);
    await chat.flush();
    expect(items.has(`ls/thread/${extra}`)).toBe(false);
    expect(JSON.parse(items.get('ls')!)).toMatchObject({ version: 1, threadIds: [chat.store.getState().activeThreadId] });
  });

  it('should report a storage that fails and go on in memory', async () => {
    const errors: unknown[] = [];
    const broken = { get: () => Promise.reject(new Error('quota')), set: () => Promise.reject(new Error('quota')), delete: () => Promise.resolve() };
    server.enqueue({ sse: loadChunks('openai/text') });
    const chat = new ChatController({ generator: generator(), persist: { key: 'x', storage: broken, onError: (error) => errors.push(error) } });
    await chat.send('Still works');
    await chat.flush();
    expect(chat.messages).toHaveLength(2);
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });
});
