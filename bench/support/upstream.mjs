// A fake provider for the proxy benchmarks, in a process of its own. POST /v1/chat/completions streams
// `chunks` events as fast as the socket takes them; with `"user": "hang"` in the body it sends two and
// then waits, and records when the client went away; with `"user": "slow"` it paces one event per 10 ms (`"slow-50"`: per 50 ms). Answers IPC: { type: 'closes' } → close times.
import { createServer } from 'node:http';

const chunks = Number(process.argv[2] ?? 100);
const event = (i) => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'bench', choices: [{ index: 0, delta: { content: ` tok${i}` }, finish_reason: null }] })}\n\n`;
const whole = Buffer.from(`${Array.from({ length: chunks }, (_, i) => event(i)).join('')}data: [DONE]\n\n`);
const now = () => performance.timeOrigin + performance.now();
const closes = [];

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (data) => (body += data));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const slow = /"user":"slow(?:-(\d+))?"/.exec(body);
    if (slow) {
      // Paced like a model writing: one event every 10 ms (`slow-<ms>`: every <ms> ms).
      res.write(event(0));
      let i = 1;
      const timer = setInterval(() => {
        if (i < chunks) res.write(event(i++));
        else {
          clearInterval(timer);
          res.end('data: [DONE]\n\n');
        }
      }, Number(slow[1] ?? process.env.BENCH_PACE_MS ?? 10));
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (body.includes('"user":"hang"')) {
      res.write(event(0) + event(1));
      res.on('close', () => closes.push(now()));
      return;
    }
    res.end(whole);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('message', (message) => {
  if (message?.type === 'closes') process.send?.({ type: 'closes', closes: closes.splice(0) });
});
process.on('disconnect', () => process.exit(0));
