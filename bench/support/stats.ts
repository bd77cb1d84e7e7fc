import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** The median of some samples. */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** A percentile (0-100) of some samples. */
export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** One benchmark's result: what was measured, against which target, and whether it was met. */
export interface BenchResult {
  name: string;
  target: string;
  met: boolean;
  metrics: Record<string, number | string>;
}

/** Writes `bench/results/<name>.json` with machine facts, and prints a summary line. */
export const writeResult = (result: BenchResult): void => {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const record = {
    ...result,
    when: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
  };
  writeFileSync(new URL(`${result.name}.json`, dir), `${JSON.stringify(record, null, 2)}\n`);
  const metrics = Object.entries(result.metrics)
    .map(([key, value]) => `${key}=${typeof value === 'number' ? Number(value.toPrecision(4)) : value}`)
    .join(' ');
  console.log(`[bench] ${result.name}: ${result.met ? 'MET' : 'MISSED'} (${result.target}) ${metrics}`);
};

/** Samples of two measurements taken in alternation, and the median of their paired ratios. */
export interface PairedSamples {
  small: number[];
  large: number[];
  /** The median of `large[i] / small[i]`: each pair ran under the same machine load. */
  ratio: number;
}

/**
 * Runs `small` and `large` in alternation, `warmUp` times unrecorded and then `pairs` times, so
 * machine noise hits both alike; for linearity checks (the same work at two sizes).
 */
export const pairedSamples = (small: () => number, large: () => number, pairs: number, warmUp: number): PairedSamples => {
  for (let i = 0; i < warmUp; i += 1) {
    small();
    large();
  }
  const result: PairedSamples = { small: [], large: [], ratio: Number.NaN };
  for (let i = 0; i < pairs; i += 1) {
    result.small.push(small());
    result.large.push(large());
  }
  result.ratio = median(result.large.map((value, i) => value / result.small[i]!));
  return result;
};
