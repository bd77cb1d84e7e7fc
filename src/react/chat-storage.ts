/**
 * Where persisted chats live. Values are plain structured data (objects, arrays, strings, numbers):
 * IndexedDB stores them as they are, string storages as JSON.
 */
export interface ChatStorage {
  /** The value under `key`, or undefined. */
  get(key: string): Promise<unknown>;
  /** Writes `value` under `key`. */
  set(key: string, value: unknown): Promise<void>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Keeps chats in memory: for tests, SSR and apps that must not write to the device. */
export const createMemoryStorage = (): ChatStorage => {
  const values = new Map<string, unknown>();
  return {
    get: (key) => Promise.resolve(values.has(key) ? structuredClone(values.get(key)) : undefined),
    set: (key, value) => {
      values.set(key, structuredClone(value));
      return Promise.resolve();
    },
    delete: (key) => {
      values.delete(key);
      return Promise.resolve();
    },
  };
};

/** The part of the Web Storage API a string storage needs (`localStorage`, `sessionStorage`). */
export interface StringStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps chats in `localStorage` (or another Web Storage) as JSON. Browsers cap it at about 5 MB per
 * origin, so images fill it fast: prefer the IndexedDB storage when messages carry images.
 */
export const createLocalStorage = (storage?: StringStorage): ChatStorage => {
  const target = (): StringStorage => {
    const resolved = storage ?? (globalThis as { localStorage?: StringStorage }).localStorage;
    if (!resolved) throw new Error('createLocalStorage: there is no localStorage here; pass a storage, or use createMemoryStorage() on a server.');
    return resolved;
  };
  return {
    get: (key) => {
      const text = target().getItem(key);
      return Promise.resolve(text === null ? undefined : (JSON.parse(text) as unknown));
    },
    set: (key, value) => {
      target().setItem(key, JSON.stringify(value));
      return Promise.resolve();
    },
    delete: (key) => {
      target().removeItem(key);
      return Promise.resolve();
    },
  };
};
