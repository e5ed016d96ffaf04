import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/open-core';
import { readReferenceData } from '../../electron/core/sync/reference-data';
import { openTarget } from '../../electron/core/sync/open-target';
import type { VerifyMode } from '../../electron/core/sync/s3-target';
import { syncOnce, type SyncReport } from '../../electron/core/sync/sync-engine';
import { writeSyncSettings } from '../../electron/core/sync/sync-settings';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { TokenBucket } from '../../electron/core/sync/throttle';
import { getTransfer, loadPlan, setPaused } from '../../electron/core/transfer/transfer-store';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { validateBag } from '../helpers/bagit';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { referenceReceiver } from '../helpers/reference-receiver';
import { BUCKET, CREDENTIALS, TestS3Server } from '../helpers/s3-server';
import { SlowProxy } from '../helpers/slow-proxy';
import { copyStore, queuedStoreTemplate, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const MiB = 1024 * 1024;
let server: TestS3Server;
let fixtures: string;
let smallStore: string;
let largeStore: string;

beforeAll(async () => {
  Object.assign(process.env, CREDENTIALS);
  server = await TestS3Server.start();
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'hpf-sync-fixtures-'));
  const withLarge = await writeSyncFixtures(path.join(fixtures, 'in'), 11);
  smallStore = await queuedStoreTemplate(path.join(fixtures, 'small'), withLarge.filter((f) => !f.endsWith('large-scan.png')));
  largeStore = await queuedStoreTemplate(path.join(fixtures, 'large'), withLarge);
}, 120_000);
afterAll(async () => {
  await server.stop();
  await rm(fixtures, { recursive: true, force: true });
});

interface Station {
  readonly ctx: CoreContext;
  readonly batchId: string;
  readonly prefix: string;
  readonly central: CentralArchive;
  sync(options?: { endpoint?: string; idleMs?: number; bucket?: TokenBucket; force?: boolean; verify?: VerifyMode }): Promise<SyncReport>;
  close(): Promise<void>;
}

/** A station with one queued batch, sending to its own prefix of the shared test bucket. */
async function station(name: string, large = false): Promise<Station> {
  const { ctx, batchId } = await copyStore(large ? largeStore : smallStore, await tempDir());
  const prefix = `${name}/`;
  const central = new CentralArchive(server.endpoint, prefix);
  provisionStation(ctx.db, central.signingKeys, { uri: `s3://${BUCKET}/${name}`, endpoint: server.endpoint, region: null });
  return {
    ctx,
    batchId,
    prefix,
    central,
    sync: async (o = {}) => {
      const target = openTarget(parseTargetUri(`s3://${BUCKET}/${name}`, { endpoint: o.endpoint ?? server.endpoint }), {
        partSize: 5 * MiB,
        timeouts: { connectMs: 2_000, idleMs: o.idleMs ?? 5_000 },
        verify: o.verify ?? 'checksum',
      });
      try {
        return await syncOnce(ctx, { target, force: o.force ?? true, ...(o.bucket ? { bucket: o.bucket } : {}) });
      } finally {
        target.close();
      }
    },
    close: async () => {
      central.close();
      await ctx.close();
    },
  };
}

/** Every file of the bag on the server with its content, sent once (or `times` times), nothing else. */
function expectCreated(s: Station, times: Record<string, number> = {}): void {
  const plan = loadPlan(s.ctx.db, s.batchId)!;
  expect(server.exactlyOnceProblems(`${s.prefix}bags/${s.batchId}/`, plan.files, times)).toEqual([]);
}

async function expectValidOnServer(s: Station): Promise<void> {
  const dir = path.join(await tempDir(), 'received');
  await s.central.download(s.batchId, dir);
  expect(await validateBag(dir)).toEqual({ valid: true, problems: [] });
}

describe('sync to S3-compatible storage (s3rver on 127.0.0.1)', () => {
  it('round trip: reference data in, bag out (multipart for the large file), acknowledged, purged by policy', async () => {
    const s = await station('round-trip', true);
    try {
      // Reference data other than filing's (sync-reference-scheme.test.ts has the scheme and checklists).
      await s.central.publishReference(3, { 'branch-codes.json': '{"version":3}', 'holidays.json': '{"days":[]}' });
      const first = await s.sync();
      expect(first.errors).toEqual([]);
      expect(first.reference.sort()).toEqual(['branch-codes.json', 'holidays.json']);
      expect(first.sent).toEqual([s.batchId]);
      expect(getTransfer(s.ctx.db, s.batchId)?.state).toBe('uploaded');
      expectCreated(s);
      await expectValidOnServer(s);
      expect((await readReferenceData(s.ctx.db, s.ctx.blobs, 'branch-codes.json'))?.bytes.toString()).toBe('{"version":3}');

      // Nothing changes until the centre (the real receiver) answers; then the answer is checked against our hashes.
      expect((await s.sync()).acknowledged).toEqual([]);
      const centre = referenceReceiver(server.endpoint, s.central.signingKeys, path.join(await tempDir(), 'catalogue.sqlite'), undefined, s.prefix);
      try {
        expect(await centre.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      } finally {
        await centre.close();
      }
      expect((await s.sync()).acknowledged).toEqual([s.batchId]);
      expect(getTransfer(s.ctx.db, s.batchId)?.state).toBe('acknowledged');

      writeSyncSettings(s.ctx.db, { retainDays: 0 });
      const purged = await s.sync();
      expect(purged.purged).toEqual([s.batchId]);
      const plan = loadPlan(s.ctx.db, s.batchId)!;
      const original = plan.files.find((f) => f.role === 'original')!;
      const thumbnail = plan.files.find((f) => f.role === 'thumbnail')!;
      expect(existsSync(s.ctx.blobs.pathOf(original.sha256))).toBe(false);
      expect(existsSync(s.ctx.blobs.pathOf(thumbnail.sha256))).toBe(true);
      expect(await verifyStore(s.ctx.db, s.ctx.blobs)).toMatchObject({ ok: true, problems: [] });
      expectCreated(s);
    } finally {
      await s.close();
    }
  });

  it('an object the server stores altered is caught by reading it back (content verification), later rot through the real receiver\'s rejection; both are sent again', async () => {
    const s = await station('corruption');
    const base = `${s.prefix}bags/${s.batchId}/`;
    try {
      // The server stores the first copy of one image altered (it does not check checksums itself).
      let altered = '';
      server.afterCreate = (key, count) => {
        if (key.startsWith(`${base}data/images/`) && altered === '') {
          altered = key.slice(base.length);
          if (count === 1) server.corrupt(key);
        }
      };
      const report = await s.sync({ verify: 'content' });
      server.afterCreate = null;
      expect(report.errors).toEqual([]);
      expect(getTransfer(s.ctx.db, s.batchId)?.state).toBe('uploaded');
      expectCreated(s, { [altered]: 2 });

      // Later an object rots on the server: the centre (the real receiver) rejects the bag with it, the station sends it again.
      const rotten = loadPlan(s.ctx.db, s.batchId)!.files.find((f) => f.role === 'original')!.path;
      server.corrupt(base + rotten);
      const centre = referenceReceiver(server.endpoint, s.central.signingKeys, path.join(await tempDir(), 'catalogue.sqlite'), undefined, s.prefix);
      try {
        const verdicts = async () => (await centre.catalogue.receipts()).map((r) => r.status).sort();
        expect(await centre.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
        expect(await verdicts()).toEqual(['rejected']);
        const resent = await s.sync();
        expect(resent.errors.map((e) => e.code)).toEqual(['ack_mismatch']);
        expect(resent.sent).toEqual([s.batchId]);
        expectCreated(s, { [altered]: 2, [rotten]: 2, 'tagmanifest-sha256.txt': 2 });
        await expectValidOnServer(s);
        expect(await centre.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
        expect(await verdicts()).toEqual(['accepted', 'rejected']);
        expect((await s.sync()).acknowledged).toEqual([s.batchId]);
      } finally {
        await centre.close();
      }
    } finally {
      server.afterCreate = null;
      await s.close();
    }
  });

  it('server stopped mid-transfer: the queue holds (retry later, backoff) and resumes without sending anything twice', async () => {
    const s = await station('server-down');
    const base = `${s.prefix}bags/${s.batchId}/`;
    try {
      let seen = 0;
      server.afterCreate = (key) => {
        if (key.startsWith(base) && ++seen === 5) void server.halt();
      };
      const down = await s.sync();
      server.afterCreate = null;
      expect(down.sent).toEqual([]);
      expect(down.errors.map((e) => e.kind)).toEqual(['transient']);
      const held = getTransfer(s.ctx.db, s.batchId)!;
      expect(held).toMatchObject({ state: 'uploading', attempts: 1 });
      expect(Date.parse(held.nextAttemptAt!)).toBeGreaterThan(Date.now());
      // Not due yet: an automatic pass leaves the batch alone (only the reference-data check fails).
      const early = await s.sync({ force: false });
      expect(early.sent).toEqual([]);
      expect(early.errors.map((e) => e.batchId)).toEqual([null]);
      expect(getTransfer(s.ctx.db, s.batchId)?.attempts).toBe(1);

      await server.resume();
      const resumed = await s.sync();
      expect(resumed.errors).toEqual([]);
      expect(resumed.sent).toEqual([s.batchId]);
      expect(getTransfer(s.ctx.db, s.batchId)).toMatchObject({ state: 'uploaded', attempts: 0, error: null });
      expectCreated(s);
      await expectValidOnServer(s);
    } finally {
      server.afterCreate = null;
      await s.close();
    }
  });

  it('slow server: a stalled request times out and is retried; a slow but steady one with a bandwidth cap just completes', async () => {
    const proxy = await SlowProxy.start(server.endpoint);
    const stalled = await station('stalled');
    const slow = await station('slow');
    try {
      proxy.stall = /\/data\/thumbnails\//;
      const timedOut = await stalled.sync({ endpoint: proxy.endpoint, idleMs: 800 });
      expect(proxy.stalled).toBe(1);
      expect(timedOut.errors).toMatchObject([{ kind: 'transient', code: 'timeout' }]);
      expect(getTransfer(stalled.ctx.db, stalled.batchId)?.state).toBe('uploading');
      proxy.release();
      expect((await stalled.sync({ endpoint: proxy.endpoint, idleMs: 800 })).sent).toEqual([stalled.batchId]);
      expectCreated(stalled);

      proxy.delayMs = 50;
      const capped = await slow.sync({ endpoint: proxy.endpoint, idleMs: 2_000, bucket: new TokenBucket(4 * MiB) });
      expect(capped.errors).toEqual([]);
      expect(capped.sent).toEqual([slow.batchId]);
      expectCreated(slow);
      await expectValidOnServer(slow);
    } finally {
      await stalled.close();
      await slow.close();
      await proxy.close();
    }
  });

  it('a missing bucket fails the batch with the reason; after a retry, pause stops it mid-transfer without an error and resume finishes it', async () => {
    const s = await station('paused');
    const base = `${s.prefix}bags/${s.batchId}/`;
    try {
      const target = openTarget(parseTargetUri('s3://no-such-bucket/x', { endpoint: server.endpoint }));
      try {
        const report = await syncOnce(s.ctx, { target, force: true });
        expect(report.errors).toMatchObject([{ kind: 'permanent', code: 's3_NoSuchBucket' }]);
        expect(getTransfer(s.ctx.db, s.batchId)).toMatchObject({ state: 'failed', error: { code: 's3_NoSuchBucket' } });
      } finally {
        target.close();
      }
      // The administrator fixes the target; the batch goes back to sending the bag it has.
      expect(s.ctx.sync.retry(s.batchId).transfers[0]).toMatchObject({ state: 'checked', error: null });

      let seen = 0;
      server.afterCreate = (key) => {
        if (key.startsWith(base) && ++seen === 3) setPaused(s.ctx.db, 'clerk', s.batchId, true);
      };
      const paused = await s.sync();
      server.afterCreate = null;
      expect(paused).toMatchObject({ sent: [], errors: [] });
      expect(getTransfer(s.ctx.db, s.batchId)).toMatchObject({ state: 'uploading', paused: true, attempts: 0 });
      expect(await s.sync()).toMatchObject({ sent: [], errors: [] });
      setPaused(s.ctx.db, 'clerk', s.batchId, false);
      expect((await s.sync()).sent).toEqual([s.batchId]);
      expectCreated(s);

    } finally {
      server.afterCreate = null;
      await s.close();
    }
  });
});
