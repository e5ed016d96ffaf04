import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEventChain } from '../../electron/core/audit/event-log';
import { provisionStation } from '../../electron/core/bench/lifecycle/folder-centre';
import type { BlobStore } from '../../electron/core/files/blob-store';
import type { Db } from '../../electron/core/store/open-database';
import { storeBlobs, writeStoreDb } from '../helpers/store-db';
import { acknowledgedHeads } from '../../electron/core/sync/acknowledged-heads';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { createBatch } from '../../electron/core/store/repo/batches';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { folderReceiver } from '../helpers/reference-receiver';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let template: string;
let ackedHead: number;

/** A station whose batch the centre acknowledged (echoing the chain head), with events written after it. */
let root: string;
beforeAll(async () => {
  // Kept for the whole file (per-test temp dirs go after each test).
  root = await mkdtemp(path.join(os.tmpdir(), 'hpf-audit-chain-'));
  const centre = generateSigningKeys('ed25519');
  const usb = path.join(root, 'usb');
  const station = await storeWithQueuedBatch(root, await writeSyncFixtures(path.join(root, 'in')));
  provisionStation(station.ctx.db, centre, { uri: pathToFileURL(usb).href, endpoint: null, region: null });
  const sync = async () => {
    const target = openTarget(parseTargetUri(pathToFileURL(usb).href));
    try {
      return await syncOnce(station.ctx, { target, force: true });
    } finally {
      target.close();
    }
  };
  await mkdir(usb);
  expect((await sync()).sent).toEqual([station.batchId]);
  // The centre's receiver checks the bag on the disk, its seal and chain included, and acknowledges it there.
  const receiver = folderReceiver(usb, centre, path.join(root, 'catalogue.sqlite'));
  expect(await receiver.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
  await receiver.close();
  expect((await sync()).acknowledged).toEqual([station.batchId]);
  ackedHead = acknowledgedHeads(station.ctx.db)[0]!.head.id;
  createBatch(station.ctx.db, 'clerk', { name: '次日批次', kind: 'backfile', business: null });
  await station.ctx.close();
  template = station.dataDir;
}, 180_000);

const open: Array<{ db: Db; blobs: BlobStore }> = [];
afterAll(async () => {
  for (const s of open) {
    s.db.close();
    await s.blobs.dispose();
  }
  await rm(root, { recursive: true, force: true });
});

/** A copy of the station (database, key file, objects) after `tamper` ran on its database with the append-only triggers dropped. */
async function tampered(tamper: (db: Db) => void): Promise<{ db: Db; report: Awaited<ReturnType<typeof verifyStore>> }> {
  const dir = path.join(await tempDir(), 'data');
  await cp(template, dir, { recursive: true });
  const db = await writeStoreDb(dir);
  const blobs = await storeBlobs(dir);
  await blobs.init();
  open.push({ db, blobs });
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  tamper(db);
  return { db, report: await verifyStore(db, blobs) };
}

const kinds = (report: Awaited<ReturnType<typeof verifyStore>>) => report.problems.map((p) => p.kind);

describe('the audit chain is keyed and anchored at the centre', () => {
  it('an untouched station verifies, and its acknowledgement echoes the chain head', async () => {
    const { db, report } = await tampered(() => undefined);
    expect(report).toMatchObject({ ok: true, problems: [] });
    expect(ackedHead).toBeGreaterThan(3);
    expect((db.prepare('SELECT max(id) FROM events').pluck().get() as number)).toBeGreaterThan(ackedHead);
  });

  it('deleting an event is detected', async () => {
    const { report } = await tampered((db) => db.prepare('DELETE FROM events WHERE id = 3').run());
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'audit_chain', subject: 'event#4' }));
  });

  it('editing an event is detected', async () => {
    const { report } = await tampered((db) => db.prepare(`UPDATE events SET data = '{"name":"另一个网点"}' WHERE id = 2`).run());
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'audit_chain', subject: 'event#2' }));
  });

  it('reordering events (two rows swapped with their hashes and links) is detected', async () => {
    const { report } = await tampered((db) => {
      const row = db.prepare('SELECT at, actor, kind, subject, data, prev_hash, hash FROM events WHERE id = ?');
      const [a, b] = [row.get(2), row.get(3)] as Array<Record<string, string>>;
      const put = db.prepare('UPDATE events SET at = :at, actor = :actor, kind = :kind, subject = :subject, data = :data, prev_hash = :prev_hash, hash = :hash WHERE id = :id');
      put.run({ ...b, id: 2 });
      put.run({ ...a, id: 3 });
    });
    expect(kinds(report)).toContain('audit_chain');
  });

  it('moving events to other ids with their links intact is detected', async () => {
    const { report } = await tampered((db) => db.prepare('UPDATE events SET id = id + 1000').run());
    expect(report.problems).toContainEqual(expect.objectContaining({ kind: 'audit_chain', subject: 'event#1001' }));
  });

  it('an edit with the whole chain recomputed as SHA-256 (all the database file allows) is detected: the chain needs the station key', async () => {
    const { report } = await tampered((db) => {
      db.prepare(`UPDATE events SET actor = 'nobody' WHERE id = 2`).run();
      let prev = '0'.repeat(64);
      for (const e of db.prepare('SELECT * FROM events ORDER BY id').all() as Array<Record<string, string | number>>) {
        const hash = createHash('sha256').update([prev, String(e.id), e.at, e.actor, e.kind, e.subject, e.data].join('\u001f')).digest('hex');
        db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, e.id);
        prev = hash;
      }
    });
    expect(report.problems.filter((p) => p.kind === 'audit_chain').length).toBeGreaterThan(ackedHead);
  });

  it('cutting the chain off below the acknowledged head leaves the rest linked, and is reported as a cut', async () => {
    const { db, report } = await tampered((d) => d.prepare('DELETE FROM events WHERE id >= ?').run(ackedHead - 1));
    expect(checkEventChain(db).broken).toEqual([]);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'audit_chain_cut', subject: `event#${ackedHead}` })]);
  });
});
