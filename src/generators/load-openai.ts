import type * as OpenAIModule from 'openai';

/** The `openai` package's namespace, loaded on demand. */
export type OpenAISdk = typeof OpenAIModule;

let pending: Promise<OpenAISdk> | undefined;

/**
 * Loads the `openai` client (about 87 KB gzipped in a browser) the first time it is needed, so that
 * importing a generator never puts it in an app's initial chunk. Later calls reuse the same promise.
 */
export const loadOpenAI = (): Promise<OpenAISdk> => {
  pending ??= import('openai').catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
};

/**
 * Starts loading the `openai` client in the background (call it when the page is idle), so the first
 * message does not wait for the download.
 *
 * @example
 * requestIdleCallback(() => void prefetchOpenAIClient());
 */
export const prefetchOpenAIClient = async (): Promise<void> => {
  await loadOpenAI();
};
