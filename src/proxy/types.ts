import type { RateLimitStore } from './rate-limit/store.js';

/** A key from config: a string, or a function that returns one (rotating secrets, vaults). */
export type KeySource = string | (() => string | Promise<string>);

/** What every provider entry shares. */
export interface ProviderConfig {
  /** The provider key; only ever sent to `baseUrl`. */
  apiKey?: KeySource | undefined;
  /** The upstream base URL; defaults to the provider's own. Override for tests and self-hosted servers. */
  baseUrl?: string | undefined;
  /** Models clients may ask for, or `'*'` to allow any (an explicit choice; there is no default). */
  models: readonly string[] | '*';
}

/** Azure OpenAI: deployments instead of models, an `api-key` or an Entra ID token provider. */
export interface AzureProviderConfig {
  apiKey?: KeySource | undefined;
  /** Returns an Entra ID access token, sent as a bearer token instead of `api-key`. */
  adTokenProvider?: (() => Promise<string>) | undefined;
  /** `https://<resource>.openai.azure.com`. */
  endpoint: string;
  /** Deployments clients may call, or `'*'`. */
  deployments: readonly string[] | '*';
  /** `api-version` values clients may ask for; default: any `YYYY-MM-DD` or `YYYY-MM-DD-preview`. */
  apiVersions?: readonly string[] | undefined;
}

/** Hugging Face: the Inference Providers router, and named Inference Endpoints or TGI servers. */
export interface HuggingFaceProviderConfig extends ProviderConfig {
  /** Named dedicated endpoints, reachable at `/huggingface/endpoints/{name}/v1/...`. */
  endpoints?: Readonly<Record<string, { url: string; apiKey?: KeySource | undefined }>> | undefined;
}

/** The providers the proxy serves; a provider left out is not served at all. */
export interface ProvidersConfig {
  openai?: ProviderConfig | undefined;
  azure?: AzureProviderConfig | undefined;
  stackit?: ProviderConfig | undefined;
  huggingface?: HuggingFaceProviderConfig | undefined;
}

/** Who a request comes from, as decided by `authorize`; `null` or `false` refuses it with 401. */
export type AuthorizeResult = string | { clientId: string } | null | false;

/** One line of the proxy's log: metadata only, never a header, a body or a key. */
export interface ProxyLogEntry {
  request_id: string;
  method: string;
  route: string;
  provider: string | null;
  model: string | null;
  status: number;
  latency_ms: number;
  first_byte_ms: number | null;
  client_id: string | null;
  error_code: string | null;
  stream: boolean;
  retries: number;
  /** Token counts from the provider's `usage`, when the response reported them. */
  prompt_tokens: number | null;
  completion_tokens: number | null;
}

/** Everything `createProxy` needs. Routing comes only from here, never from a request. */
export interface ProxyConfig {
  providers: ProvidersConfig;
  /** Where the proxy is mounted (`/api/hayloft` in a Next.js catch-all route); routes are matched below it. */
  basePath?: string | undefined;
  /** Exact origins allowed to call from a browser (`https://app.example.com`); no wildcards. */
  allowedOrigins?: readonly string[] | undefined;
  /** Send `Access-Control-Allow-Credentials: true` to allowed origins (cookie-based `authorize`). */
  allowCredentials?: boolean | undefined;
  /** Runs before anything else (after CORS preflights): returns a client id, or refuses. */
  authorize?: ((request: Request) => AuthorizeResult | Promise<AuthorizeResult>) | undefined;
  rateLimit?:
    | {
        /** Requests per client per minute. */
        requestsPerMinute?: number | undefined;
        /** Open streams per client. */
        concurrentStreams?: number | undefined;
        /** Where counts live; in memory by default. */
        store?: RateLimitStore | undefined;
      }
    | undefined;
  limits?:
    | {
        /** Request body size; default 1 MiB. */
        maxBodyBytes?: number | undefined;
        /** Cap on `max_tokens`/`max_completion_tokens`; also set when a request leaves it out. Default 4096. */
        maxTokens?: number | undefined;
        /** Messages per request; default 200. */
        maxMessages?: number | undefined;
        /** JSON nesting depth; default 32. */
        maxDepth?: number | undefined;
        /** Choices per request (`n`); default 1. */
        maxChoices?: number | undefined;
        /** Top-level request fields allowed on top of the known chat-completions fields. */
        extraFields?: readonly string[] | undefined;
      }
    | undefined;
  timeouts?:
    | {
        /** Until the upstream's response headers; default 60 s. */
        firstByteMs?: number | undefined;
        /** Between two upstream reads of a stream; default 60 s. */
        idleMs?: number | undefined;
        /** For the whole request; default 10 min. */
        totalMs?: number | undefined;
      }
    | undefined;
  /** Retries of 429 and 5xx before the first byte, within a time budget. */
  retries?: { maxAttempts?: number | undefined; budgetMs?: number | undefined } | undefined;
  /** A `: ping` comment every this many ms while a stream waits; default 15 s. */
  pingIntervalMs?: number | undefined;
  /** Receives one entry per request. */
  logger?: ((entry: ProxyLogEntry) => void) | undefined;
  /** The `fetch` used for upstream calls (instrumentation, tests). */
  fetch?: typeof globalThis.fetch | undefined;
}
