import { describe, expect, it } from 'vitest';

// The recipes in docs/recipes, called the way Next.js and a Worker runtime call them.
describe('proxy recipes', () => {
  it('should serve a Next.js catch-all route under its base path, behind authorize', async () => {
    process.env.OPENAI_API_KEY = 'sk-recipe-test-not-used';
    const route = await import('../../docs/recipes/next-route-handler.js');
    const models = await route.GET(new Request('http://localhost:3000/api/hayloft/openai/v1/models', { headers: { authorization: 'Bearer t' } }));
    expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toEqual(['gpt-4o-mini']);
    const anonymous = await route.POST(
      new Request('http://localhost:3000/api/hayloft/openai/v1/chat/completions', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }),
    );
    expect(anonymous.status).toBe(401);
    const outside = await route.GET(new Request('http://localhost:3000/openai/v1/models', { headers: { authorization: 'Bearer t' } }));
    expect(outside.status).toBe(404);
    const wrongModel = await route.POST(
      new Request('http://localhost:3000/api/hayloft/openai/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
      }),
    );
    expect(wrongModel.status).toBe(400);
  });

  it('should serve a Worker-style default export with keys from env', async () => {
    const worker = (await import('../../docs/recipes/worker.js')).default;
    const env = { OPENAI_API_KEY: 'sk-worker-test', HF_TOKEN: 'hf_worker_test' };
    const models = await worker.fetch(new Request('https://proxy.example.com/huggingface/v1/models'), env);
    expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toEqual(['meta-llama/Llama-3.1-8B-Instruct']);
    const preflight = await worker.fetch(
      new Request('https://proxy.example.com/openai/v1/chat/completions', {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      }),
      env,
    );
    expect(preflight.status).toBe(204);
  });
});
