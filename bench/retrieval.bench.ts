// Retrieval (issue #7): InMemoryBM25Retriever's store against MiniSearch on the same corpus in the
// same process, and what a pipeline adds over calling components directly.
// - Corpus: 10,000 chunks of real English text, the README files in node_modules cut into 80-word
//   pieces (no download needed); 1,000 queries of two or three words drawn from the same text.
// - Reported: indexing time, query p50/p99, heap after indexing, top-10 overlap with MiniSearch.
// - Targets: query p50 no slower than MiniSearch; pipeline overhead ≤ 0.2 ms per run (3 components).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import MiniSearch from 'minisearch';
import { expect, it } from 'vitest';
import type { Component, ComponentDict, ComponentSockets } from '../src/index.js';
import { Document, InMemoryDocumentStore, Pipeline } from '../src/pipeline/index.js';
import { median, percentile, writeResult } from './support/stats.js';

const chunkCount = 10_000;
const queryCount = 1_000;

const readmes = (): string[] => {
  const root = new URL('../node_modules/', import.meta.url).pathname;
  const found: string[] = [];
  const visit = (dir: string, depth: number) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (/^readme\.md$/i.test(name)) found.push(readFileSync(path, 'utf8'));
      else if (depth < 2 && statSync(path).isDirectory()) visit(path, depth + 1);
    }
  };
  visit(root, 0);
  return found;
};

const corpus = (): string[] => {
  const words = readmes()
    .join('\n')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[#*`>|[\]()_-]+/g, ' ')
    .split(/\s+/)
    .filter((word) => /[a-z]{2,}/i.test(word));
  const chunks: string[] = [];
  for (let start = 0; chunks.length < chunkCount; start = (start + 80) % Math.max(1, words.length - 80)) chunks.push(words.slice(start, start + 80).join(' '));
  return chunks;
};

// A deterministic generator, so every run asks the same queries.
const random = (() => {
  let seed = 42;
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
})();

// A real GC before each heap reading (Vitest's workers do not start with --expose-gc).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

it('should index 10,000 chunks and answer 1,000 BM25 queries no slower than MiniSearch', () => {
  const texts = corpus();
  const vocabulary = [...new Set(texts.join(' ').toLowerCase().match(/[a-z]{4,}/g) ?? [])];
  const queries = Array.from({ length: queryCount }, () =>
    Array.from({ length: 2 + Math.floor(random() * 2) }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' '),
  );

  const heapBefore = heapMb();
  let started = performance.now();
  const store = new InMemoryDocumentStore({ index: 'bench' });
  store.writeDocuments(texts.map((content, index) => new Document({ id: String(index), content })));
  const indexMsHayloft = performance.now() - started;
  const heapHayloft = heapMb() - heapBefore;

  const heapBeforeMini = heapMb();
  started = performance.now();
  const mini = new MiniSearch<{ id: number; content: string }>({ fields: ['content'], storeFields: [] });
  mini.addAll(texts.map((content, id) => ({ id, content })));
  const indexMsMini = performance.now() - started;
  const heapMini = heapMb() - heapBeforeMini;

  const hayloftTimes: number[] = [];
  const miniTimes: number[] = [];
  let overlap = 0;
  for (const [index, query] of queries.entries()) {
    // Alternate which goes first, so caches and GC pauses fall on both alike.
    const runHayloft = () => {
      const t = performance.now();
      const found = store.bm25Retrieval(query, { topK: 10 });
      hayloftTimes.push(performance.now() - t);
      return found.map((document) => document.id);
    };
    const runMini = () => {
      const t = performance.now();
      const found = mini.search(query).slice(0, 10);
      miniTimes.push(performance.now() - t);
      return found.map((result) => String(result.id));
    };
    let ours: string[];
    let theirs: string[];
    if (index % 2 === 0) {
      ours = runHayloft();
      theirs = runMini();
    } else {
      theirs = runMini();
      ours = runHayloft();
    }
    const matching = new Set(theirs);
    overlap += theirs.length === 0 ? 1 : ours.filter((id) => matching.has(id)).length / Math.min(10, theirs.length);
  }
  expect(store.countDocuments()).toBe(chunkCount);

  // Pipeline overhead: three pass-through components, as a pipeline and called directly.
  class Step implements Component {
    readonly sockets: ComponentSockets = { inputs: { value: { type: 'number' } }, outputs: { value: { type: 'number' } } };
    invoke(inputs: Record<string, unknown>): Promise<{ value: number }> {
      return Promise.resolve({ value: (inputs.value as number) + 1 });
    }
    toDict(): ComponentDict {
      return { type: 'bench.Step', init_parameters: {} };
    }
  }
  const [a, b, c] = [new Step(), new Step(), new Step()];
  const pipeline = new Pipeline().addComponent('a', a).addComponent('b', b).addComponent('c', c);
  pipeline.connect('a.value', 'b.value').connect('b.value', 'c.value');
  return (async () => {
    const direct: number[] = [];
    const piped: number[] = [];
    for (let round = 0; round < 2_000; round += 1) {
      let t = performance.now();
      const viaPipeline = await pipeline.run({ a: { value: round } });
      piped.push(performance.now() - t);
      t = performance.now();
      const first = await a.invoke({ value: round });
      const second = await b.invoke(first);
      const third = await c.invoke(second);
      direct.push(performance.now() - t);
      if (viaPipeline.c?.value !== third.value) throw new Error('the pipeline and the direct calls disagree');
    }
    const overheadMs = median(piped.slice(200)) - median(direct.slice(200));
    const p50 = { hayloft: median(hayloftTimes), mini: median(miniTimes) };
    const met = p50.hayloft <= p50.mini && overheadMs <= 0.2;
    writeResult({
      name: 'retrieval',
      target: `BM25 query p50 no slower than MiniSearch (${chunkCount} chunks, ${queryCount} queries, top 10); pipeline overhead ≤ 0.2 ms per run (3 components)`,
      met,
      metrics: {
        index_ms_hayloft: indexMsHayloft,
        index_ms_minisearch: indexMsMini,
        query_p50_ms_hayloft: p50.hayloft,
        query_p50_ms_minisearch: p50.mini,
        query_p99_ms_hayloft: percentile(hayloftTimes, 99),
        query_p99_ms_minisearch: percentile(miniTimes, 99),
        heap_mb_hayloft: heapHayloft,
        heap_mb_minisearch: heapMini,
        top10_overlap_with_minisearch: overlap / queryCount,
        pipeline_overhead_ms: overheadMs,
        pipeline_run_p50_ms: median(piped.slice(200)),
        direct_calls_p50_ms: median(direct.slice(200)),
      },
    });
  })();
});
