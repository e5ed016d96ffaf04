import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesUnder } from '../../electron/core/bench/lifecycle/folder-centre';
import { MediaPool } from '../../electron/core/media/media-pool';
import { lifecycleProperty, openStation, runSteps, steps, writeContents } from '../../electron/core/bench/lifecycle/lifecycle-model';
import { replayableRandom } from '../helpers/replay-seed';
import { CLI } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
// Short sequences in CI, the second writer a second connection (HPF_LIFECYCLE_CLI=1: the real
// CLI, as the tests below and `npm run bench` (bench lifecycle, many more and longer runs) do).
const RUNS = Number(process.env.HPF_LIFECYCLE_RUNS ?? 100);
let contents: string[];
let fixtures: string;
let pool: MediaPool;

beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'hpf-lifecycle-'));
  contents = await writeContents(fixtures);
  pool = new MediaPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
  await rm(fixtures, { recursive: true, force: true });
});

describe('the station over random lifecycles (import, re-import, close, sync, acknowledge, purge, rotate, trash, a second writer)', () => {
  it('verifies after every step and keeps every object a live row needs', async () => {
    const { seed } = replayableRandom('HPF_LIFECYCLE_SEED');
    // A failure prints its seed and path; HPF_LIFECYCLE_SEED=<seed> replays it.
    console.info(`lifecycle property: seed ${seed} (replay with HPF_LIFECYCLE_SEED=${seed})`);
    await fc.assert(
      lifecycleProperty(fc, async () => openStation(await tempDir(), pool, contents, process.env.HPF_LIFECYCLE_CLI ? CLI : null), 12),
      { seed, numRuns: RUNS, endOnFailure: process.env.HPF_LIFECYCLE_SHRINK !== '1' },
    );
  }, 600_000);
});

describe('sequences the property found', () => {
  it('content imported again after its batch was purged survives the next purge pass', async () => {
    const s = await openStation(await tempDir(), pool, contents, null);
    await runSteps(fc, s, [
      steps.import(0, null),
      steps.close(0),
      steps.acknowledge(0),
      steps.purge(),
      steps.import(0, null),
      steps.purge(),
    ]).finally(() => s.close());
  });

  it('the CLI writes into a batch the app imported into: verify on the long-lived connection of the app passes (FTS5 cache)', async () => {
    const s = await openStation(await tempDir(), pool, contents, CLI);
    await runSteps(fc, s, [steps.import(0, null), steps.secondImport(1, 0)]).finally(() => s.close());
  });

  it('the CLI imports content of a handed-over batch while the app purges it: whichever commits first, nothing live is lost', async () => {
    const s = await openStation(await tempDir(), pool, contents, CLI);
    await runSteps(fc, s, [steps.import(0, null), steps.handOver(0), steps.secondImportRacingPurge(0, null), steps.purge()]).finally(() => s.close());
  });
});

describe('the centre of the model is the reference receiver on the folder', () => {
  it('a bag spoiled on the disk is rejected, nothing is purged on it, and the re-send the station makes is accepted and purged', async () => {
    const s = await openStation(await tempDir(), pool, contents, null);
    const state = () => s.db.prepare('SELECT state FROM transfers').pluck().get();
    const purged = () => s.db.prepare('SELECT count(*) FROM purged_files').pluck().get();
    try {
      await runSteps(fc, s, [steps.import(0, null), steps.close(0), steps.sync()]);
      const batch = s.db.prepare('SELECT batch_id FROM transfers').pluck().get() as string;
      const bag = path.join(s.folder, 'bags', batch);
      const scan = (await filesUnder(bag)).find((f) => f.startsWith('data/'))!;
      await appendFile(path.join(bag, scan), 'damaged on the way');

      await expect(runSteps(fc, s, [steps.acknowledge(0)])).rejects.toThrow(/the centre rejected/);
      await runSteps(fc, s, [steps.purge()]);
      expect(purged()).toBe(0);
      expect(state()).toBe('uploaded');

      // The purge pass read the rejection and sent the bag again, whole: the centre accepts it this time.
      await runSteps(fc, s, [steps.acknowledge(0), steps.purge()]);
      expect(state()).toBe('purged');
      expect(purged()).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});
