import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult, PageSummary, VerifyReport } from '../../shared/contract';
import { syntheticJpeg, syntheticPdf, syntheticTiff } from '../../electron/core/bench/synthetic-pages';
import { useTempDirs } from '../helpers/temp-dir';
import { json, runCli } from '../helpers/run-cli';
import { replayableRandom } from '../helpers/replay-seed';

const tempDir = useTempDirs();
const SIZE = { width: 1240, height: 1754, dpi: 150 };
const RUNS = 20;
const GROUP = 5;

describe('crash safety', () => {
  it(`survives SIGKILL at random points of an import (${RUNS} runs): verify passes, re-run completes without duplicates`, async () => {
    const root = await tempDir();
    const input = path.join(root, 'in');
    await mkdir(input);
    let expectedPages = 0;
    for (let i = 0; i < 10; i++) {
      await writeFile(path.join(input, `page-${i}.jpg`), await syntheticJpeg(100 + i, SIZE));
      expectedPages++;
    }
    await writeFile(path.join(input, 'multi.tif'), await syntheticTiff([200, 201, 202], SIZE));
    await writeFile(path.join(input, 'contract.pdf'), await syntheticPdf([300, 301, 302, 303], SIZE));
    await writeFile(path.join(input, 'broken.jpg'), 'not a picture');
    expectedPages += 3 + 4;

    // How long an uninterrupted import takes, to spread the kills over all of it.
    const t0 = performance.now();
    const reference = await runCli(['import', input, '--batch', 'ref', '--data', path.join(root, 'ref'), '--json']);
    const fullMs = performance.now() - t0;
    expect(reference.code).toBe(2);

    // Kills in groups on fresh stores, so most kills land while there is work left to interrupt.
    const { seed, rand } = replayableRandom('CRASH_SEED');
    const killed: number[] = [];
    for (let group = 0; group < RUNS / GROUP; group++) {
      const data = path.join(root, `data-${group}`);
      for (let run = 0; run < GROUP; run++) {
        const delay = Math.round(rand() * fullMs * 0.8);
        const r = await runCli(['import', input, '--batch', 'crash', '--data', data, '--json'], { killAfterMs: delay });
        if (r.signal === 'SIGKILL') killed.push(delay);
        const verify = await runCli(['verify', '--data', data, '--json']);
        expect(json<VerifyReport>(verify), `seed ${seed}, group ${group}, run ${run}, killed after ${delay} ms`).toMatchObject({
          ok: true,
          problems: [],
        });
      }
      const final = await runCli(['import', input, '--batch', 'crash', '--data', data, '--json']);
      expect(final.code).toBe(2);
      const result = json<ImportResult>(final);
      expect(result.rejected.map((r) => path.basename(r.file))).toEqual(['broken.jpg']);
      const pages = json<PageSummary[]>(await runCli(['list', 'pages', '--batch', 'crash', '--data', data, '--json']));
      expect(pages).toHaveLength(expectedPages);
      const keys = pages.map((p) => `${p.source.sha256}#${p.source.pageIndex}`);
      expect(new Set(keys).size).toBe(expectedPages);
      expect(pages.map((p) => p.seq)).toEqual(pages.map((_, i) => i + 1));
      expect(json<VerifyReport>(await runCli(['verify', '--data', data, '--json'])).ok).toBe(true);
    }
    expect(killed.length, `seed ${seed}: most runs must really be killed`).toBeGreaterThanOrEqual(RUNS / 2);
  }, 300_000);
});
