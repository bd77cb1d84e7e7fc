// <Chat> in Chromium (issue #6), against a plain-DOM baseline and @ai-sdk/react's useChat with a
// minimal renderer, all in the same run and the same browser:
// - 2,000 and 20,000 tokens as fast as the server sends them, into an empty and a 200-message
//   thread: main-thread busy time (CDP's TaskDuration) ≤ 1.5× plain DOM and ≤ 1/3 of useChat;
// - 2,000 tokens at 200 tokens/s into a 200-message thread: no long task over 50 ms;
// - every run: the final text in the DOM within 50 ms of the stream's last byte.
// Busy time is taken around the stream alone; mounting the thread (the history, the renderer and the
// client) is measured before it and reported on its own (mount_*), with its ratios, but the issue's
// targets are about streaming. A fourth entry, the same client with no UI (client_only), is the floor
// under both hayloft entries, so a ratio can be read as client plus rendering.
import { it } from 'vitest';
import { taskDurationMs, useBrowserBench } from './support/browser-bench.js';
import { median, writeResult } from './support/stats.js';

type Mode = 'chat' | 'baseline' | 'aisdk' | 'client';
// client is a floor, not a contender: the generator and stream alone, with nothing rendered.
const modes: readonly Mode[] = ['baseline', 'chat', 'aisdk', 'client'];
// Eight: a multiple of the four entries, so each runs in every position of the rotation equally
// often; the 2,000-token runs last well under 100 ms, and on this shared machine medians of five moved
// by a third from run to run.
const rounds = Number(process.env.BENCH_ROUNDS ?? 8);

const bench = useBrowserBench('chat-app');

interface Run {
  /** Main-thread busy time while the answer streamed, to its last token in the DOM. */
  busyMs: number;
  /** Main-thread busy time while the thread was mounted and settled, before the stream. */
  mountBusyMs: number;
  longTasks: number[];
  lastTokenToDomMs: number;
  lastChunkToDomMs: number | null;
}

const runOnce = async (mode: Mode, history: number, tokens: number, pace?: number): Promise<Run> => {
  const page = await bench.browser.context.newPage();
  try {
    await page.setViewportSize({ width: 900, height: 800 });
    await page.goto(bench.appUrl);
    await page.waitForFunction(() => 'chatBench' in window);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const api = `${bench.serverUrl}/tokens-${tokens}/paragraph-50${pace ? `/pace-${pace}` : ''}`;
    const beforeMount = await taskDurationMs(cdp);
    await page.evaluate((options) => window.chatBench.prepare(options), { mode, history, api });
    const beforeStream = await taskDurationMs(cdp);
    const result = await page.evaluate((lastToken) => window.chatBench.stream(lastToken), `tok${tokens - 1}`);
    const afterStream = await taskDurationMs(cdp);
    return { busyMs: afterStream - beforeStream, mountBusyMs: beforeStream - beforeMount, longTasks: result.longTasks, lastTokenToDomMs: result.lastTokenToDomMs, lastChunkToDomMs: result.lastChunkToDomMs };
  } finally {
    await page.close();
  }
};

it('should keep <Chat> within 1.5x of plain DOM and under 1/3 of useChat, with no long task', async () => {
  const metrics: Record<string, number | string> = {};
  let met = true;
  let worstDomMs = 0;
  let worstChunkToDomMs = 0;
  // BENCH_TOKENS / BENCH_HISTORY (comma-separated) narrow the matrix while investigating one case.
  const list = (name: string, fallback: number[]) => process.env[name]?.split(',').map(Number) ?? fallback;
  for (const tokens of list('BENCH_TOKENS', [2_000, 20_000])) {
    for (const history of list('BENCH_HISTORY', [0, 200])) {
      const runs: Record<Mode, Run[]> = { chat: [], baseline: [], aisdk: [], client: [] };
      for (let round = 0; round < rounds; round += 1) {
        // Rotate the order, so a noisy neighbour hurts every mode alike.
        const at = round % modes.length;
        for (const mode of [...modes.slice(at), ...modes.slice(0, at)]) runs[mode].push(await runOnce(mode, history, tokens));
      }
      const busy = (mode: Mode) => median(runs[mode].map((run) => run.busyMs));
      const mountBusy = (mode: Mode) => median(runs[mode].map((run) => run.mountBusyMs));
      const key = `${tokens}tok_${history}msg`;
      const vsBaseline = busy('chat') / busy('baseline');
      const vsAiSdk = busy('chat') / busy('aisdk');
      met &&= vsBaseline <= 1.5 && vsAiSdk <= 1 / 3;
      for (const run of runs.chat) worstDomMs = Math.max(worstDomMs, run.lastTokenToDomMs);
      for (const run of runs.chat) worstChunkToDomMs = Math.max(worstChunkToDomMs, run.lastChunkToDomMs ?? Number.NaN);
      Object.assign(metrics, {
        [`busy_ms_chat_${key}`]: busy('chat'),
        [`busy_ms_baseline_${key}`]: busy('baseline'),
        [`busy_ms_aisdk_${key}`]: busy('aisdk'),
        [`ratio_vs_baseline_${key}`]: vsBaseline,
        [`ratio_vs_aisdk_${key}`]: vsAiSdk,
        // The floor under both hayloft entries: hayloft's client with no UI. Its share of useChat's time
        // is what no renderer on this client can go below; what chat and plain DOM add to it is their
        // rendering alone, compared in render_ratio (a difference of medians from separate runs: a
        // diagnostic, noisier than the ratios above).
        [`busy_ms_client_only_${key}`]: busy('client'),
        [`client_only_ratio_vs_aisdk_${key}`]: busy('client') / busy('aisdk'),
        [`render_ms_chat_${key}`]: busy('chat') - busy('client'),
        [`render_ms_baseline_${key}`]: busy('baseline') - busy('client'),
        [`render_ratio_vs_baseline_${key}`]: (busy('chat') - busy('client')) / (busy('baseline') - busy('client')),
        [`mount_busy_ms_chat_${key}`]: mountBusy('chat'),
        [`mount_busy_ms_baseline_${key}`]: mountBusy('baseline'),
        [`mount_busy_ms_aisdk_${key}`]: mountBusy('aisdk'),
        [`mount_ratio_vs_baseline_${key}`]: mountBusy('chat') / mountBusy('baseline'),
        [`mount_ratio_vs_aisdk_${key}`]: mountBusy('chat') / mountBusy('aisdk'),
        [`last_token_to_dom_ms_chat_${key}`]: median(runs.chat.map((run) => run.lastTokenToDomMs)),
        // The same interval for the others: in a stream sent as fast as possible the client reads a
        // backlog of events in its last reads, and parsing that backlog counts here for everyone.
        [`last_token_to_dom_ms_baseline_${key}`]: median(runs.baseline.map((run) => run.lastTokenToDomMs)),
        [`last_token_to_dom_ms_aisdk_${key}`]: median(runs.aisdk.map((run) => run.lastTokenToDomMs)),
        // The client alone: parsing the last reads' backlog, with one text node written at the end.
        [`last_token_to_dom_ms_client_only_${key}`]: median(runs.client.map((run) => run.lastTokenToDomMs)),
        // From the last chunk the generator hands to the UI: the renderer's share of the interval above,
        // without parsing the final backlog (useChat's parsed chunks are not watched; see the page).
        [`last_chunk_to_dom_ms_chat_${key}`]: median(runs.chat.map((run) => run.lastChunkToDomMs ?? Number.NaN)),
        [`last_chunk_to_dom_ms_baseline_${key}`]: median(runs.baseline.map((run) => run.lastChunkToDomMs ?? Number.NaN)),
      });
    }
  }
  const paced: Record<Exclude<Mode, 'client'>, Run> = {
    chat: await runOnce('chat', 200, 2_000, 200),
    baseline: await runOnce('baseline', 200, 2_000, 200),
    aisdk: await runOnce('aisdk', 200, 2_000, 200),
  };
  met &&= paced.chat.longTasks.length === 0 && worstDomMs <= 50 && paced.chat.lastTokenToDomMs <= 50;
  Object.assign(metrics, {
    paced_long_tasks_over_50ms_chat: paced.chat.longTasks.length,
    paced_long_tasks_over_50ms_baseline: paced.baseline.longTasks.length,
    paced_long_tasks_over_50ms_aisdk: paced.aisdk.longTasks.length,
    paced_busy_ms_chat: paced.chat.busyMs,
    paced_busy_ms_baseline: paced.baseline.busyMs,
    paced_busy_ms_aisdk: paced.aisdk.busyMs,
    paced_mount_busy_ms_chat: paced.chat.mountBusyMs,
    paced_mount_busy_ms_baseline: paced.baseline.mountBusyMs,
    paced_mount_busy_ms_aisdk: paced.aisdk.mountBusyMs,
    paced_last_token_to_dom_ms_chat: paced.chat.lastTokenToDomMs,
    paced_last_token_to_dom_ms_baseline: paced.baseline.lastTokenToDomMs,
    paced_last_token_to_dom_ms_aisdk: paced.aisdk.lastTokenToDomMs,
    paced_last_chunk_to_dom_ms_chat: paced.chat.lastChunkToDomMs ?? Number.NaN,
    paced_last_chunk_to_dom_ms_baseline: paced.baseline.lastChunkToDomMs ?? Number.NaN,
    worst_last_token_to_dom_ms_chat: worstDomMs,
    worst_last_chunk_to_dom_ms_chat: worstChunkToDomMs,
    rounds,
  });
  writeResult({
    name: 'chat-render',
    target: '<Chat> with markdown: busy ≤ 1.5× plain DOM and ≤ 1/3 of @ai-sdk/react useChat (2k and 20k tokens, empty and 200-message thread); 0 long tasks > 50 ms at 200 tokens/s; final text in the DOM ≤ 50 ms after the last token. Busy time is measured around the stream; mounting the thread is reported apart (mount_*), not a target',
    met,
    metrics,
  });
});
