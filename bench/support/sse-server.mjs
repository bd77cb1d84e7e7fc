// A replay server for benchmarks, run in its own process so its work does not share the client's
// event loop. It answers every POST with the same pre-encoded stream of N chat-completion chunks.
import { createServer } from 'node:http';

const chunks = Number(process.argv[2] ?? 5000);
const frames = [];
frames.push(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`);
for (let i = 0; i < chunks; i += 1) {
  frames.push(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { content: ` tok${i}` }, finish_reason: null }] })}\n\n`);
}
frames.push(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
frames.push(`data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [], usage: { prompt_tokens: 5, completion_tokens: chunks, total_tokens: chunks + 5 } })}\n\n`);
frames.push('data: [DONE]\n\n');
// Send in groups of 16 events per write, as a fast upstream's TCP segments would carry them.
const writes = [];
for (let i = 0; i < frames.length; i += 16) writes.push(Buffer.from(frames.slice(i, i + 16).join('')));

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
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
