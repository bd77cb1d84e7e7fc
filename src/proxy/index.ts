/**
 * `hayloft/proxy`: the thin server that keeps provider keys off the browser. A Web-standard
 * `fetch(Request) → Response` handler (a Hono app) for Node, Next.js route handlers, Cloudflare
 * Workers, Deno and Bun.
 * @packageDocumentation
 */
export { createProxy } from './create-proxy.js';
export type { ProxyRuntimeOptions } from './create-proxy.js';
export type { ProxyErrorBody } from './proxy-error.js';
export { MemoryStore } from './rate-limit/memory-store.js';
export type { RateLimitStore } from './rate-limit/store.js';
export type {
  AuthorizeResult,
  AzureProviderConfig,
  HuggingFaceProviderConfig,
  KeySource,
  ProviderConfig,
  ProvidersConfig,
  ProxyConfig,
  ProxyLogEntry,
} from './types.js';
