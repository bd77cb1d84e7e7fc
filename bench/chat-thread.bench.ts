import { expect, it } from 'vitest';
import { ChatMessage, OpenAIChatGenerator, Secret } from '../src/index.js';
import { ChatController } from '../src/react/index.js';
import { median, pairedSamples, writeResult } from './support/stats.js';

// Opening a chat with a long history (`initialMessages`, or a thread restored from storage) must cost
// time linear in its length: appending the messages one at a time copied the whole node record per
// message, and 5,000 messages took seconds. No issue gives a target; this one (time per message at
// 5,000 messages within 2x of 500; quadratic, it was 7x to 16x) catches a quadratic step coming back.
const generator = new OpenAIChatGenerator({ apiKey: Secret.fromToken('sk-bench'), apiBaseUrl: 'http://127.0.0.1:9/v1' });
const history = (count: number): ChatMessage[] =>
  Array.from({ length: count }, (_, i) => (i % 2 === 0 ? ChatMessage.fromUser(`Question ${i}`) : ChatMessage.fromAssistant(`Answer ${i}`)));

// Each sample opens 10,000 messages in all (twenty threads of 500, or two of 5,000), so both sizes
// make the same garbage; only the thread's length differs.
const usPerMessage = (messages: readonly ChatMessage[]): number => {
  const threads = 10_000 / messages.length;
  const started = process.hrtime.bigint();
  for (let t = 0; t < threads; t += 1) {
    const chat = new ChatController({ generator, initialMessages: messages });
    if (chat.messages.length !== messages.length) throw new Error('the thread lost messages');
  }
  return Number(process.hrtime.bigint() - started) / 1_000 / 10_000;
};

it('chat thread: opening 5,000 initial messages costs within 2x per message of 500', () => {
  const [small, large] = [history(500), history(5_000)];
  const samples = pairedSamples(() => usPerMessage(small), () => usPerMessage(large), 15, 3);
  writeResult({
    name: 'chat-thread-open',
    target: 'µs per message opening a thread of 5,000 initial messages <= 2x that of 500 (median of paired ratios; our own target, none given)',
    met: samples.ratio <= 2,
    metrics: { us_per_message_500: median(samples.small), us_per_message_5000: median(samples.large), ratio: samples.ratio, pairs: samples.small.length },
  });
  expect(samples.ratio).toBeLessThanOrEqual(2);
});
