// A Cloudflare Worker (or Deno, or Bun): hayloft's proxy as the default export's `fetch`.
// Keys come from the platform's secrets, passed in `env`; one proxy per set of secrets.
import { createProxy } from 'hayloft/proxy';

/** The secrets bound to the worker. */
export interface Env {
  OPENAI_API_KEY: string;
  HF_TOKEN: string;
}

let proxy: ReturnType<typeof createProxy> | undefined;

export default {
  fetch(request: Request, env: Env): Response | Promise<Response> {
    proxy ??= createProxy({
      providers: {
        openai: { apiKey: env.OPENAI_API_KEY, models: ['gpt-4o-mini'] },
        huggingface: { apiKey: env.HF_TOKEN, models: ['meta-llama/Llama-3.1-8B-Instruct'] },
      },
      allowedOrigins: ['https://app.example.com'],
    });
    return proxy.fetch(request);
  },
};
