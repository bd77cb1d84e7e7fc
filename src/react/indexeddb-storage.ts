import { createMemoryStorage, type ChatStorage } from './chat-storage.js';

const storeName = 'entries';

const request = <T>(req: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/**
 * Keeps chats in IndexedDB, the default in browsers: structured values, images included, and room for
 * far more than `localStorage`. The database opens on first use, so creating the storage touches nothing.
 */
export const createIndexedDBStorage = (databaseName = 'hayloft'): ChatStorage => {
  let opening: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      if (!factory) {
        reject(new Error('createIndexedDBStorage: there is no indexedDB here; use createMemoryStorage() on a server.'));
        return;
      }
      const req = factory.open(databaseName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(storeName);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error(`Could not open the IndexedDB database '${databaseName}'.`));
    });
    return opening;
  };
  const run = async <T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    return request(action(db.transaction(storeName, mode).objectStore(storeName)));
  };
  return {
    get: (key) => run('readonly', (store) => store.get(key) as IDBRequest<unknown>),
    set: async (key, value) => {
      await run('readwrite', (store) => store.put(value, key));
    },
    delete: async (key) => {
      await run('readwrite', (store) => store.delete(key));
    },
  };
};

/** IndexedDB where there is one, memory elsewhere (a server render, a test in Node). */
export const defaultChatStorage = (): ChatStorage =>
  (globalThis as { indexedDB?: unknown }).indexedDB ? createIndexedDBStorage() : createMemoryStorage();
