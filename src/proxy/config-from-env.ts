import type { ProxyConfig } from './types.js';

/** The environment the proxy reads (`process.env`, or a `.env` file parsed into the same shape). */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

const list = (value: string | undefined): string[] | undefined => {
  const items = value?.split(',').map((item) => item.trim()).filter((item) => item !== '');
  return items && items.length > 0 ? items : undefined;
};

const number = (value: string | undefined): number | undefined => {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * A proxy config from environment variables: a provider is served when its key is set. Model lists
 * come from `*_MODELS` (comma-separated) or fall back to a small default list; `'*'` allows any.
 *
 * `OPENAI_API_KEY` (+ `OPENAI_BASE_URL`, `OPENAI_MODELS`), `AZURE_OPENAI_API_KEY` + `AZURE_OPENAI_ENDPOINT`
 * (+ `AZURE_OPENAI_DEPLOYMENTS`), `STACKIT_API_KEY` (+ `STACKIT_BASE_URL`, `STACKIT_MODELS`), `HF_TOKEN`
 * (+ `HF_MODELS`, `HF_ENDPOINTS` as `name=url,name=url`), `PROXY_ALLOWED_ORIGINS`,
 * `PROXY_REQUESTS_PER_MINUTE`, `PROXY_CONCURRENT_STREAMS`, `PROXY_MAX_TOKENS`.
 */
export const configFromEnv = (env: ProxyEnv): ProxyConfig => {
  const models = (value: string | undefined, fallback: string[]): readonly string[] | '*' =>
    value?.trim() === '*' ? '*' : (list(value) ?? fallback);
  const config: ProxyConfig = {
    providers: {},
    allowedOrigins: list(env.PROXY_ALLOWED_ORIGINS) ?? ['http://127.0.0.1:5173', 'http://localhost:5173'],
    rateLimit: {
      requestsPerMinute: number(env.PROXY_REQUESTS_PER_MINUTE) ?? 60,
      concurrentStreams: number(env.PROXY_CONCURRENT_STREAMS) ?? 4,
    },
    limits: { maxTokens: number(env.PROXY_MAX_TOKENS) ?? 4096 },
  };
  if (env.OPENAI_API_KEY) {
    config.providers.openai = {
      apiKey: env.OPENAI_API_KEY,
      baseUrl: env.OPENAI_BASE_URL,
      models: models(env.OPENAI_MODELS, ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'dall-e-3']),
    };
  }
  if (env.AZURE_OPENAI_API_KEY && env.AZURE_OPENAI_ENDPOINT) {
    config.providers.azure = {
      apiKey: env.AZURE_OPENAI_API_KEY,
      endpoint: env.AZURE_OPENAI_ENDPOINT,
      deployments: models(env.AZURE_OPENAI_DEPLOYMENTS, ['gpt-4o-mini']),
    };
  }
  if (env.STACKIT_API_KEY) {
    config.providers.stackit = {
      apiKey: env.STACKIT_API_KEY,
      baseUrl: env.STACKIT_BASE_URL,
      models: models(env.STACKIT_MODELS, ['cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic', 'google/gemma-3-27b-it', 'openai/gpt-oss-120b']),
    };
  }
  const hfToken = env.HF_TOKEN ?? env.HF_API_TOKEN;
  if (hfToken) {
    const endpoints = Object.fromEntries(
      (list(env.HF_ENDPOINTS) ?? []).flatMap((pair) => {
        const [name, url] = pair.split('=');
        return name && url ? [[name.trim(), { url: url.trim() }]] : [];
      }),
    );
    config.providers.huggingface = {
      apiKey: hfToken,
      baseUrl: env.HF_ROUTER_URL,
      models: models(env.HF_MODELS, ['meta-llama/Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-7B-Instruct']),
      endpoints,
    };
  }
  return config;
};

/** Reads a `.env` file's text into variables (`KEY=value`, `#` comments, optional quotes). */
export const parseDotEnv = (text: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match?.[1]) continue;
    let value = match[2] ?? '';
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, '');
    out[match[1]] = value;
  }
  return out;
};
