import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { MediaPool } from '../../media/media-pool';
import type { BenchFigures } from '../import-bench';
import { lifecycleProperty, openStation, writeContents } from './lifecycle-model';

/** Longer sequences than in CI: bugs that need many steps to show (a third re-import, a second purge). */
const MAX_STEPS = 25;

/**
 * The lifecycle property of the CI test, with many more and longer runs; `cli` is the
 * `hpf-desk` entry that plays the second writer. A failure is thrown with its seed and path.
 */
export async function lifecycleBench(runs: number, cli: string, note: (s: string) => void = () => undefined): Promise<BenchFigures> {
  try {
    createRequire(import.meta.url).resolve('fast-check');
  } catch {
    throw new Error('bench lifecycle needs fast-check (a dev dependency): run npm install');
  }
  const fc = await import('fast-check');
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-bench-lifecycle-'));
  const pool = new MediaPool({ size: 1 });
  const seed = Number(process.env.HPF_LIFECYCLE_SEED ?? Date.now() % 100_000) || 1;
  note(`${runs} runs of up to ${MAX_STEPS} steps, seed ${seed} (replay with HPF_LIFECYCLE_SEED=${seed})…`);
  try {
    const contents = await writeContents(path.join(root, 'in'));
    let n = 0;
    const started = performance.now();
    await fc.assert(
      lifecycleProperty(fc, async () => openStation(await mkdtemp(path.join(root, `run-${++n}-`)), pool, contents, cli), MAX_STEPS),
      { seed, numRuns: runs, endOnFailure: true },
    );
    const seconds = (performance.now() - started) / 1000;
    return { runs, maxSteps: MAX_STEPS, seed, seconds: Number(seconds.toFixed(1)), runsPerMinute: Number(((runs / seconds) * 60).toFixed(1)) };
  } finally {
    await pool.close();
    await rm(root, { recursive: true, force: true });
  }
}
