// A replay server for benchmarks, run in its own process so its work does not share the client's
// event loop. It answers every POST with a pre-encoded stream of N chat-completion chunks.
// Path options before /v1 (for browser benchmarks): /tokens-<n>/ streams n tokens instead of N,
// /pace-<n>/ sends n tokens per second, /paragraph-<n>/ ends every n-th token with a blank line,
// and a path containing /ui-stream speaks the AI SDK's UI message stream protocol instead.
// CORS is open, so a page on another port can read it.
import { createServer } from 'node:http';

const defaultCount = Number(process.argv[2] ?? 5000);

const base = { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench' };
const frame = (payload) => `data: ${JSON.stringify({ ...base, ...payload })}\n\n`;

// The same tokens in the AI SDK's UI message stream protocol (what @ai-sdk/react's useChat reads).
const encodeUi = (count, paragraph) => {
  const data = (payload) => `data: ${JSON.stringify(payload)}\n\n`;
  const frames = [data({ type: 'start', messageId: 'm1' }), data({ type: 'start-step' }), data({ type: 'text-start', id: 't1' })];
  for (let i = 0; i < count; i += 1) {
    const delta = paragraph > 0 && (i + 1) % paragraph === 0 ? ` tok${i}\n\n` : ` tok${i}`;
    frames.push(data({ type: 'text-delta', id: 't1', delta }));
  }
  frames.push(data({ type: 'text-end', id: 't1' }), data({ type: 'finish-step' }), data({ type: 'finish' }), 'data: [DONE]\n\n');
  return frames;
};

const encode = (count, paragraph) => {
  const frames = [frame({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })];
  for (let i = 0; i < count; i += 1) {
    const content = paragraph > 0 && (i + 1) % paragraph === 0 ? ` tok${i}\n\n` : ` tok${i}`;
    frames.push(frame({ choices: [{ index: 0, delta: { content }, finish_reason: null }] }));
  }
  frames.push(frame({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  frames.push(frame({ choices: [], usage: { prompt_tokens: 5, completion_tokens: count, total_tokens: count + 5 } }));
  frames.push('data: [DONE]\n\n');
  return frames;
};

// Encoded once per shape: frames one by one (paced), and in groups of 16 events per write, as a
// fast upstream's TCP segments would carry them.
const cache = new Map();
const encoded = (count, paragraph, ui) => {
  const key = `${count}/${paragraph}/${ui}`;
  if (!cache.has(key)) {
    const frames = ui ? encodeUi(count, paragraph) : encode(count, paragraph);
    const writes = [];
    for (let i = 0; i < frames.length; i += 16) writes.push(Buffer.from(frames.slice(i, i + 16).join('')));
    cache.set(key, { frames, writes });
  }
  return cache.get(key);
};

const option = (url, name) => {
  const match = new RegExp(`/${name}-(\\d+)/`).exec(url);
  return match ? Number(match[1]) : undefined;
};

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-expose-headers': 'x-vercel-ai-ui-message-stream',
};

const server = createServer((req, res) => {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }
  const url = req.url ?? '';
  const ui = url.includes('/ui-stream');
  const { frames, writes } = encoded(option(url, 'tokens') ?? defaultCount, option(url, 'paragraph') ?? 0, ui);
  const pace = option(url, 'pace');
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...cors, ...(ui ? { 'x-vercel-ai-ui-message-stream': 'v1' } : {}) });
    if (pace) {
      // One event per tick, as a model generating at `pace` tokens per second would send them.
      let i = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(frames[i]);
        i += 1;
        if (i === frames.length) {
          clearInterval(timer);
          res.end();
        }
      }, 1000 / pace);
      return;
    }
    let i = 0;
    const pump = () => {
      while (i < writes.length) {
        const ok = res.write(writes[i]);
        i += 1;
        if (!ok) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
