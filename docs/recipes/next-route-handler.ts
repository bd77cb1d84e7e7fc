// app/api/hayloft/[...path]/route.ts: hayloft's proxy as a Next.js route handler (Node or edge runtime).
// The browser's generators use `/api/hayloft/openai/v1` (and so on) as their base URL.
import { createProxy } from 'hayloft/proxy';

const proxy = createProxy({
  basePath: '/api/hayloft',
  providers: {
    openai: { apiKey: process.env.OPENAI_API_KEY, models: ['gpt-4o-mini'] },
    stackit: { apiKey: process.env.STACKIT_API_KEY, models: ['cortecs/Llama-3.3-70B-Instruct-FP8-Dynamic'] },
  },
  // Same-origin requests need no entry here; list other origins that may call this route.
  allowedOrigins: [],
  // Accept only your signed-in users (see README, "Security": a short-lived token issued by your app).
  authorize: (request) => (request.headers.get('authorization')?.startsWith('Bearer ') ? 'user' : null),
});

/** Next.js calls these with Web-standard Requests. */
export const GET = (request: Request): Response | Promise<Response> => proxy.fetch(request);
/** Streams pass through: Next.js sends a Response body as it is produced. */
export const POST = GET;
/** CORS preflights. */
export const OPTIONS = GET;
