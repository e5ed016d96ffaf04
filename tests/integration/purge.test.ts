import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation, runSteps, steps, writeContents, type Station } from '../../electron/core/bench/lifecycle/lifecycle-model';
import { liveObjectProblems } from '../../electron/core/bench/lifecycle/live-objects';
import { MediaPool } from '../../electron/core/media/media-pool';
import type { ProcessedFile } from '../../electron/core/media/types';
import { createBatch } from '../../electron/core/store/repo/batches';
import { commitReclaiming, ObjectsGone } from '../../electron/core/store/repo/purged-objects';
import { commitImportedFile } from '../../electron/core/store/repo/source-files';
import { purgeDue } from '../../electron/core/sync/purge';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let contents: string[];
let fixtures: string;
let pool: MediaPool;

beforeAll(async () => {
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'hpf-purge-'));
  contents = await writeContents(fixtures);
  pool = new MediaPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
  await rm(fixtures, { recursive: true, force: true });
});

/** A station whose first batch, holding contents[0], was handed over and purged. */
async function purgedStation(): Promise<Station> {
  const s = await openStation(await tempDir(), pool, contents, null);
  await runSteps(fc, s, [steps.import(0, null), steps.handOver(0), steps.purge()]);
  return s;
}

async function processed(s: Station, file: string): Promise<ProcessedFile> {
  const r = await pool.run({ kind: 'process', path: file, store: s.blobs.ref() });
  if (!r.ok || r.kind !== 'process') throw new Error('processing failed');
  return r.file;
}

const objectsOf = (f: ProcessedFile) => [f.sha256, ...f.pages.flatMap((p) => [p.image.sha256, p.thumbnail.sha256])];

describe('purge and an import racing it', () => {
  it('an import finding its objects in place that a purge pass removes before the commit records nothing, then writes them again', async () => {
    const s = await purgedStation();
    try {
      const original = objectsOf(await processed(s, contents[0]!))[0]!;
      expect(s.db.prepare('SELECT count(*) FROM purged_files WHERE sha256 = ?').pluck().get(original)).toBe(1);
      // The worker wrote the original again (it was gone); a purge pass runs before the commit.
      const file = await processed(s, contents[0]!);
      expect(existsSync(s.blobs.pathOf(original))).toBe(true);
      await purgeDue(s, null);
      expect(existsSync(s.blobs.pathOf(original))).toBe(false);

      const batch = createBatch(s.db, s.actor, { name: '重新导入', kind: 'backfile', business: null });
      const commit = (f: ProcessedFile) =>
        commitImportedFile(s.db, s.actor, { batchId: batch.id, name: 'again.png', originalPath: contents[0]!, file: f }, (h) => s.blobs.pathOf(h));
      expect(() => commit(file)).toThrow(ObjectsGone);
      expect(s.db.prepare('SELECT count(*) FROM source_files WHERE batch_id = ?').pluck().get(batch.id)).toBe(0);

      let processedAgain = 0;
      const outcome = await commitReclaiming(s.db, file, commit, async () => {
        processedAgain++;
        return processed(s, contents[0]!);
      });
      expect(outcome.kind).toBe('imported');
      expect(processedAgain).toBe(1);
      // Revived: off the purge list, on disk, and the next pass leaves it alone.
      await purgeDue(s, 0);
      expect(s.db.prepare(`SELECT count(*) FROM purged_files WHERE sha256 IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(objectsOf(file)))).toBe(0);
      expect(await liveObjectProblems(s.db, s.blobs)).toEqual([]);
      expect(await verifyStore(s.db, s.blobs)).toMatchObject({ ok: true, problems: [] });
    } finally {
      await s.close();
    }
  });

  it('content a live batch shares is not purged with the batch handed over, and goes when the last one is purged', async () => {
    const s = await openStation(await tempDir(), pool, contents, null);
    try {
      await runSteps(fc, s, [
      steps.import(0, null),
      steps.import(0, null),
      steps.handOver(0),
      steps.purge(),
      steps.handOver(0),
      steps.purge(),
      ]);
      const originals = s.db.prepare('SELECT DISTINCT sha256 FROM source_files').pluck().all() as string[];
      expect(originals).toHaveLength(1);
      expect(s.db.prepare("SELECT count(*) FROM transfers WHERE state = 'purged'").pluck().get()).toBe(2);
      expect(existsSync(s.blobs.pathOf(originals[0]!))).toBe(false);
    } finally {
      await s.close();
    }
  });
});
