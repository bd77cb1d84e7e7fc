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
