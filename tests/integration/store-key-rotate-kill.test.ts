import { existsSync, watch, type FSWatcher } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/contract';
import { importPaths } from '../../electron/core/import/import-paths';
import { KEY_ROTATED } from '../../electron/core/store/key-rotation';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { readStoreKeyRecord, type StoreKeyRecord } from '../../electron/core/store/keys/store-key-record';
import { createBatch } from '../../electron/core/store/repo/batches';
import { openCoreContext } from '../../electron/core/open-core';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { writeSmallPages } from '../helpers/filing-store';
import { replayableRandom } from '../helpers/replay-seed';
import { json, runCli } from '../helpers/run-cli';
import { readStoreDb, storeBlobs } from '../helpers/store-db';
import { addPadding, storeContents } from '../helpers/padded-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

let templateRoot: string;
let template: string;
let templateRecord: StoreKeyRecord;
let before: { report: VerifyReport; contents: unknown };

/**
 * An encrypted store with imported pages (dozens of objects, so the objects' half of a rotation
 * takes long enough to be cut) and a padding table of ID numbers (so the rekey does too).
 */
beforeAll(async () => {
  templateRoot = await mkdtemp(path.join(os.tmpdir(), 'hpf-test-'));
  template = path.join(templateRoot, 'data');
  const ctx = await openCoreContext({ dataDir: template, workers: 1, fonds: 'J017', actor: 'archivist' });
  try {
    const batch = createBatch(ctx.db, ctx.actor, { name: '柜台', kind: 'counter', business: null });
    const imported = await importPaths(ctx, batch.id, await writeSmallPages(templateRoot, 20));
    expect(imported.imported).toHaveLength(20);
    addPadding(ctx.db, 10_000);
    before = { report: await verifyStore(ctx.db, ctx.blobs), contents: storeContents(ctx.db) };
    expect(before.report).toMatchObject({ ok: true, problems: [] });
  } finally {
    await ctx.close();
  }
  templateRecord = (await readStoreKeyRecord(template))!;
}, 180_000);

afterAll(() => rm(templateRoot, { recursive: true, force: true }));

async function freshCopy(): Promise<string> {
  const dataDir = path.join(await tempDir(), 'data');
  await cp(template, dataDir, { recursive: true });
  return dataDir;
}

/** Settles when a file not there now appears in `objects/` or one of its shards (inotify, not polling). */
async function newObjectAppears(dataDir: string): Promise<{ seen: Promise<void>; stop: () => void }> {
  const objects = path.join(dataDir, 'objects');
  const shards = (await readdir(objects)).filter((s) => /^[0-9a-f]{2}$/.test(s));
  const known = new Set<string>(shards);
  for (const shard of shards) for (const name of await readdir(path.join(objects, shard))) known.add(name);
  const watchers: FSWatcher[] = [];
  const stop = () => watchers.forEach((w) => w.close());
  const seen = new Promise<void>((resolve) => {
    for (const dir of [objects, ...shards.map((s) => path.join(objects, s))]) {
      watchers.push(watch(dir, (_event, file) => {
        if (file && /^[0-9a-f]{2,64}$/.test(file) && !known.has(file)) {
          stop();
          resolve();
        }
      }));
    }
  });
  return { seen, stop };
}

/**
 * Opened once more uncut: the store is whole, under one key (the old one if the rotation had
 * not begun, else the new one, with its one audit event), and every stored file opens under it.
 */
async function expectFinished(dataDir: string, where: string): Promise<void> {
  const verify = await runCli(['verify', '--data', dataDir, '--json']);
  expect(verify.code, `${where}: ${verify.stderr}`).toBe(0);
  const record = await readStoreKeyRecord(dataDir);
  expect(record?.rotation, where).toBeUndefined();
  const rotated = JSON.stringify(record?.wraps) !== JSON.stringify(templateRecord.wraps);
  const events = before.report.checked.events + (rotated ? 1 : 0);
  expect(json<VerifyReport>(verify), where).toEqual({ ...before.report, checked: { ...before.report.checked, events } });
  expect(existsSync(path.join(dataDir, `${DATABASE_FILE}-journal`)), where).toBe(false);
  const blobs = await storeBlobs(dataDir);
  let objects = 0;
  for await (const name of blobs.list()) {
    objects++;
    expect(await blobs.opens(name), `${where}: ${name}`).toBe(true);
  }
  expect(objects, where).toBe(before.report.checked.files);
  const db = await readStoreDb(dataDir);
  try {
    expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
    expect(storeContents(db), where).toEqual(before.contents);
    expect(db.prepare('SELECT count(*) FROM events WHERE kind = ?').pluck().get(KEY_ROTATED), where).toBe(rotated ? 1 : 0);
  } finally {
    db.close();
  }
}

describe('key rotation killed', () => {
  it('in the middle of re-encrypting the objects: the next open finishes it under the new key', async () => {
    const dataDir = await freshCopy();
    const written = await newObjectAppears(dataDir);
    const run = await runCli(['key', 'rotate', '--data', dataDir, '--json'], { killOn: written.seen });
    written.stop();
    expect(run.signal, run.stderr).toBe('SIGKILL');
    expect((await readStoreKeyRecord(dataDir))?.rotation).toBeDefined();
    await expectFinished(dataDir, 'killed among the objects');
    expect((await readStoreKeyRecord(dataDir))?.wraps).not.toEqual(templateRecord.wraps);
  }, 180_000);

  it('at random points: every time the next open leaves one whole store under one key', async () => {
    // How long an uncut rotation takes, to spread the kills over all of it.
    const reference = await freshCopy();
    const t0 = performance.now();
    const uncut = await runCli(['key', 'rotate', '--data', reference, '--json']);
    expect(uncut.code, uncut.stderr).toBe(0);
    const fullMs = performance.now() - t0;
    await expectFinished(reference, 'uncut');
    const { seed, rand } = replayableRandom('ROTATE_KILL_SEED');
    for (let run = 0; run < 4; run++) {
      const dataDir = await freshCopy();
      const delay = Math.round(rand() * fullMs);
      await runCli(['key', 'rotate', '--data', dataDir, '--json'], { killAfterMs: delay });
      await expectFinished(dataDir, `seed ${seed}, run ${run}, killed after ${delay} ms`);
    }
  }, 400_000);
});
