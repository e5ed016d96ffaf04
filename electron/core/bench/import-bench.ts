import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importPaths } from '../import/import-paths';
import { openCoreContext } from '../open-core';
import { createBatch } from '../store/repo/batches';
import { writeMixedSet } from './synthetic-pages';

export interface BenchFigures {
  readonly [name: string]: number | string;
}

/** Import a generated mixed set of A4 300 dpi pages into a fresh store; figures per minute. */
export async function importBench(pages = 200, note: (s: string) => void = () => undefined): Promise<BenchFigures> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-bench-import-'));
  try {
    note(`generating ${pages} A4 300 dpi pages…`);
    const inputDir = path.join(root, 'in');
    const generated = await writeMixedSet(inputDir, pages);
    const ctx = await openCoreContext({ dataDir: path.join(root, 'data'), actor: 'bench' });
    try {
      const batch = createBatch(ctx.db, 'bench', { name: 'bench', kind: 'backfile', business: null });
      note(`importing with ${ctx.pool.size} media workers…`);
      const startCpu = process.cpuUsage();
      const t0 = performance.now();
      const result = await importPaths(ctx, batch.id, [inputDir]);
      const seconds = (performance.now() - t0) / 1000;
      const imported = result.imported.reduce((n, f) => n + f.pages, 0);
      if (imported !== generated || result.rejected.length > 0) {
        throw new Error(`bench import incomplete: ${imported}/${generated} pages, ${result.rejected.length} rejected`);
      }
      const cpu = process.cpuUsage(startCpu);
      return {
        pages: imported,
        files: result.imported.length,
        workers: ctx.pool.size,
        seconds: round(seconds),
        pagesPerMinute: round((imported / seconds) * 60),
        processCpuSeconds: round((cpu.user + cpu.system) / 1e6),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      };
    } finally {
      await ctx.close();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const round = (n: number): number => Math.round(n * 10) / 10;
