import { ChatMessage } from '../core/index.js';
import type { ChatStorage } from './chat-storage.js';
import type { ChatState, ChatStore, ChatThread, MessageNode } from './chat-store.js';
import { defaultChatStorage } from './indexeddb-storage.js';

/** Where and how a chat is persisted. */
export interface PersistOptions {
  /** The storage key prefix: one app, one key. Threads are stored under `<key>/thread/<id>`. */
  key: string;
  /** IndexedDB in browsers by default, memory elsewhere. */
  storage?: ChatStorage;
  /** Called when reading or writing fails; the chat goes on in memory. Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/** A running persistence: resolves `ready` once the stored threads are in the store. */
export interface PersistHandle {
  /** Resolves when the stored threads have been read (or failed to be read). */
  readonly ready: Promise<void>;
  /** Resolves when every change so far is written. */
  flush(): Promise<void>;
  /** Stops writing; what was written stays. */
  dispose(): void;
}

const version = 1;

interface StoredIndex {
  version: number;
  activeThreadId: string;
  threadIds: string[];
}

interface StoredNode {
  parentId: string | null;
  childIds: string[];
  message: unknown;
}

interface StoredThread {
  version: number;
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  rootIds: string[];
  leafId: string | null;
  nodes: Record<string, StoredNode>;
}

const threadKey = (key: string, id: string): string => `${key}/thread/${id}`;

const toStored = (thread: ChatThread): StoredThread => ({
  version,
  id: thread.id,
  title: thread.title,
  createdAt: thread.createdAt,
  updatedAt: thread.updatedAt,
  rootIds: [...thread.rootIds],
  leafId: thread.leafId,
  nodes: Object.fromEntries(
    Object.values(thread.nodes).map((node) => [
      node.id,
      { parentId: node.parentId, childIds: [...node.childIds], message: node.message.toDict() },
    ]),
  ),
});

const fromStored = (stored: StoredThread): ChatThread => {
  const nodes: Record<string, MessageNode> = {};
  for (const [id, node] of Object.entries(stored.nodes)) {
    nodes[id] = { id, parentId: node.parentId, childIds: node.childIds, message: ChatMessage.fromDict(node.message) };
  }
  return {
    id: stored.id,
    title: stored.title,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    rootIds: stored.rootIds,
    leafId: stored.leafId,
    nodes,
  };
};

const isIndex = (value: unknown): value is StoredIndex =>
  typeof value === 'object' && value !== null && (value as StoredIndex).version === version && Array.isArray((value as StoredIndex).threadIds);

const isThread = (value: unknown): value is StoredThread =>
  typeof value === 'object' && value !== null && (value as StoredThread).version === version && typeof (value as StoredThread).nodes === 'object';

/**
 * Persists a chat store's threads (with their branches and images) and reads them back. Only threads
 * that changed are written, once per change, never per streamed token: the draft is not persisted.
 *
 * @example
 * const handle = persistChatStore(store, { key: 'support-chat' });
 * await handle.ready;
 */
export const persistChatStore = (store: ChatStore, options: PersistOptions): PersistHandle => {
  const storage = options.storage ?? defaultChatStorage();
  const report = options.onError ?? ((error: unknown) => console.error('hayloft: could not persist the chat.', error));
  const saved = new Map<string, ChatThread>();
  let savedIndex = '';
  let disposed = false;
  let writing: Promise<void> = Promise.resolve();
  let scheduled = false;

  const write = async (state: ChatState): Promise<void> => {
    for (const [id, thread] of Object.entries(state.threads)) {
      if (saved.get(id) === thread) continue;
      saved.set(id, thread);
      await storage.set(threadKey(options.key, id), toStored(thread));
    }
    for (const id of [...saved.keys()]) {
      if (state.threads[id]) continue;
      saved.delete(id);
      await storage.delete(threadKey(options.key, id));
    }
    const index: StoredIndex = { version, activeThreadId: state.activeThreadId, threadIds: Object.keys(state.threads) };
    const text = JSON.stringify(index);
    if (text !== savedIndex) {
      savedIndex = text;
      await storage.set(options.key, index);
    }
  };

  const schedule = (): void => {
    if (scheduled || disposed) return;
    scheduled = true;
    // Changes made in one task (a reply and its tool results) are written together.
    queueMicrotask(() => {
      scheduled = false;
      writing = writing.then(() => write(store.getState())).catch(report);
    });
  };

  const hydrate = async (): Promise<void> => {
    const index = await storage.get(options.key);
    if (!isIndex(index)) return;
    const loaded: Record<string, ChatThread> = {};
    for (const id of index.threadIds) {
      const stored = await storage.get(threadKey(options.key, id));
      if (!isThread(stored)) continue;
      loaded[id] = fromStored(stored);
    }
    for (const [id, thread] of Object.entries(loaded)) saved.set(id, thread);
    savedIndex = JSON.stringify(index);
    store.setState((state) => {
      // Threads made before the stored ones arrived survive if they hold messages (nothing typed is lost);
      // the empty thread every new store starts with does not, or each reload would add one.
      const fresh = Object.fromEntries(Object.entries(state.threads).filter(([id, thread]) => !loaded[id] && thread.leafId !== null));
      const threads: Record<string, ChatThread> = { ...loaded, ...fresh };
      if (!(state.activeThreadId in fresh) && threads[index.activeThreadId]) return { threads, activeThreadId: index.activeThreadId };
      const active = threads[state.activeThreadId] ?? state.threads[state.activeThreadId];
      return { threads: active ? { ...threads, [active.id]: active } : threads, activeThreadId: state.activeThreadId };
    });
  };

  store.setState({ hydrated: false });
  const ready = hydrate()
    .catch(report)
    .finally(() => {
      store.setState({ hydrated: true });
      if (!disposed) schedule();
    });

  const unsubscribe = store.subscribe((state, previous) => {
    if (!state.hydrated) return;
    if (state.threads !== previous.threads || state.activeThreadId !== previous.activeThreadId) schedule();
  });

  return {
    ready,
    flush: async () => {
      await ready;
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      await writing;
    },
    dispose: () => {
      disposed = true;
      unsubscribe();
    },
  };
};
