import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { closeSync, existsSync, openSync, readSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../shared/contract';
import { writeContents } from '../../electron/core/bench/lifecycle/lifecycle-model';
import { BlobStore } from '../../electron/core/files/blob-store';
import { isEncryptedObject } from '../../electron/core/files/object-cipher';
import { importPaths } from '../../electron/core/import/import-paths';
import { MediaPool } from '../../electron/core/media/media-pool';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { STORE_KEY_FILE } from '../../electron/core/store/keys/store-key-record';
import { openDatabase } from '../../electron/core/store/open-database';
import { createBatch } from '../../electron/core/store/repo/batches';
import { ensureStation } from '../../electron/core/store/repo/station';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { replayableRandom } from '../helpers/replay-seed';
import { json, runCli } from '../helpers/run-cli';
import { readStoreDb } from '../helpers/store-db';
import { addPadding, PADDING_ID, storeContents } from '../helpers/padded-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const JOURNAL = `${DATABASE_FILE}-journal`;

let templateRoot: string;
let template: string;
let before: { report: VerifyReport; contents: unknown };

/**
 * A store as an earlier version left it: a plaintext database with imported documents and their
 * objects, no key record. A padding table of ID numbers makes the rewrite long enough to be
 * interrupted (a counter's store of a few years is far bigger still).
 */
beforeAll(async () => {
  // Shared by the tests, so not one of the per-test folders.
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-test-'));
  templateRoot = root;
  template = path.join(root, 'data');
  await mkdir(template, { recursive: true });
  const db = openDatabase(path.join(template, DATABASE_FILE), { key: null });
  const blobs = new BlobStore(template, null);
  const pool = new MediaPool({ size: 1 });
  try {
    await blobs.init();
    ensureStation(db, { name: '旧版网点', fonds: 'J017' });
    const batch = createBatch(db, 'archivist', { name: '旧版批次', kind: 'backfile', business: null });
    const files = await writeContents(path.join(root, 'in'), 3);
    const imported = await importPaths({ db, pool, blobs, actor: 'archivist', emit: () => undefined }, batch.id, files);
    expect(imported.imported).toHaveLength(3);
    addPadding(db, 40_000);
    before = { report: await verifyStore(db, blobs), contents: storeContents(db) };
    expect(before.report).toMatchObject({ ok: true, problems: [] });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
    await blobs.dispose();
    await pool.close();
  }
}, 120_000);

afterAll(() => rm(templateRoot, { recursive: true, force: true }));

/** A fresh copy of the earlier version's store, so each kill has a whole encryption to interrupt. */
async function freshCopy(): Promise<string> {
  const dataDir = path.join(await tempDir(), 'data');
  await cp(template, dataDir, { recursive: true });
  expect((await readFile(path.join(dataDir, DATABASE_FILE))).subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
  return dataDir;
}

/** Settles when `name` appears in `dir` (inotify, not polling). */
function appears(dir: string, name: string): { seen: Promise<void>; stop: () => void } {
  let stop = () => undefined as void;
  const seen = new Promise<void>((resolve) => {
    const watcher = watch(dir, (_event, file) => {
      if (file === name) {
        watcher.close();
        resolve();
      }
    });
    stop = () => watcher.close();
  });
  return { seen, stop };
}

/** Open once more uncut (the open finishes what was interrupted); the store is as it was, encrypted. */
async function expectFinished(dataDir: string, where: string): Promise<void> {
  const verify = await runCli(['verify', '--data', dataDir, '--json']);
  expect(verify.code, `${where}: ${verify.stderr}`).toBe(0);
  expect(json<VerifyReport>(verify), where).toEqual(before.report);
  const file = await readFile(path.join(dataDir, DATABASE_FILE));
  expect(file.includes(PADDING_ID), where).toBe(false);
  expect(file.includes(Buffer.from(PADDING_ID, 'utf16le')), where).toBe(false);
  expect(existsSync(path.join(dataDir, JOURNAL)), where).toBe(false);
  // The objects too: every stored file is an encrypted object, none left in plaintext beside it.
  const stored = new BlobStore(dataDir, null);
  let objects = 0;
  for await (const name of stored.list()) {
    objects++;
    expect(isEncryptedObject(await readFile(stored.storedPath(name))), `${where}: ${name}`).toBe(true);
  }
  expect(objects, where).toBe(before.report.checked.files);
  const db = await readStoreDb(dataDir);
  try {
    expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
    expect(storeContents(db), where).toEqual(before.contents);
  } finally {
    db.close();
  }
}

describe('in-place encryption of a store of an earlier version', () => {
  it('killed in the middle of rewriting the database: the half-done rewrite is rolled back and the next open finishes it', async () => {
    const dataDir = await freshCopy();
    const journal = appears(dataDir, JOURNAL);
    const run = await runCli(['list', 'batches', '--data', dataDir, '--json'], { killOn: journal.seen });
    journal.stop();
    expect(run.signal, run.stderr).toBe('SIGKILL');
    // Killed with the rewrite under way: its key record written, the old pages in the hot journal.
    expect(existsSync(path.join(dataDir, STORE_KEY_FILE))).toBe(true);
    expect(existsSync(path.join(dataDir, JOURNAL))).toBe(true);
    await expectFinished(dataDir, 'killed as the rewrite began');
  }, 120_000);

  it('killed with the first page already encrypted and the journal still there: the plaintext journal is rolled back without the key', async () => {
    const dataDir = await freshCopy();
    const file = path.join(dataDir, DATABASE_FILE);
    let watcher: FSWatcher | undefined;
    const halfWritten = new Promise<void>((resolve) => {
      watcher = watch(dataDir, (_event, name) => {
        if (name !== DATABASE_FILE || !existsSync(path.join(dataDir, JOURNAL))) return;
        const head = Buffer.alloc(15);
        const fd = openSync(file, 'r');
        readSync(fd, head, 0, 15, 0);
        closeSync(fd);
        if (head.toString('latin1') !== 'SQLite format 3') resolve();
      });
    });
    const run = await runCli(['list', 'batches', '--data', dataDir, '--json'], { killOn: halfWritten });
    watcher?.close();
    expect(run.signal, run.stderr).toBe('SIGKILL');
    expect(existsSync(path.join(dataDir, JOURNAL))).toBe(true);
    expect((await readFile(file)).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    await expectFinished(dataDir, 'killed with page 1 encrypted');
  }, 120_000);

  it('killed at random points: every time the next open finishes it and verify reports what it did before', async () => {
    // How long an uncut first open takes, to spread the kills over all of it.
    const reference = await freshCopy();
    const t0 = performance.now();
    expect((await runCli(['list', 'batches', '--data', reference, '--json'])).code).toBe(0);
    const fullMs = performance.now() - t0;
    const { seed, rand } = replayableRandom('ENCRYPT_KILL_SEED');
    for (let run = 0; run < 4; run++) {
      const dataDir = await freshCopy();
      const delay = Math.round(rand() * fullMs);
      await runCli(['list', 'batches', '--data', dataDir, '--json'], { killAfterMs: delay });
      await expectFinished(dataDir, `seed ${seed}, run ${run}, killed after ${delay} ms`);
    }
  }, 300_000);
});
