/** True when running in a browser page or a Web Worker (anywhere a key could be read by the user). */
export const isBrowserLike = (): boolean => {
  const g = globalThis as { window?: unknown; document?: unknown; importScripts?: unknown; WorkerGlobalScope?: unknown };
  return (typeof g.window === 'object' && typeof g.document === 'object') || typeof g.WorkerGlobalScope === 'function';
};

/** Reads an environment variable where an environment exists (Node, Deno, Bun, edge runtimes); never in a browser. */
export const readEnv = (name: string): string | undefined => {
  if (isBrowserLike()) return undefined;
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value === undefined || value === '' ? undefined : value;
};
