import { cp } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { acknowledgedHeads } from '../../electron/core/sync/acknowledged-heads';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { getTransfer } from '../../electron/core/transfer/transfer-store';
import { readSeal, SEAL_FILE } from '../../electron/core/transfer/chain-seal';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { verifyStore } from '../../electron/core/verify/verify-store';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { referenceReceiver } from '../helpers/reference-receiver';
import { BUCKET, useS3Server } from '../helpers/s3-server';
import { queueBatch, storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const s3server = useS3Server();

const URI = `s3://${BUCKET}/branch-chain`;

async function sync(ctx: CoreContext) {
  const target = openTarget(parseTargetUri(URI, { endpoint: s3server().endpoint }));
  try {
    return await syncOnce(ctx, { target, force: true });
  } finally {
    target.close();
  }
}

describe('the centre holds each station\'s audit chain', () => {
  it('takes a bag that continues the chain it holds, and rejects one whose events rewrite it (a station restored from an old copy)', async () => {
    const root = await tempDir();
    const centre = generateSigningKeys('ed25519');
    const fixtures = await writeSyncFixtures(path.join(root, 'in'));
    const first = await storeWithQueuedBatch(root, fixtures);
    provisionStation(first.ctx.db, centre, { uri: URI, endpoint: s3server().endpoint, region: null });
    await first.ctx.close();
    // The old copy: the same station (database and key file) as it was before anything was sent.
    const oldDir = path.join(root, 'old-copy');
    await cp(first.dataDir, oldDir, { recursive: true });
    const station = await openCoreContext({ dataDir: first.dataDir, actor: 'clerk', workers: 1 });

    const receipts: Array<{ batchId: string; status: string; reason: string | null }> = [];
    const reference = referenceReceiver(s3server().endpoint, centre, path.join(root, 'catalogue.sqlite'), (r) => receipts.push({ batchId: r.bag.batchId, status: r.status, reason: r.reason }));
    const { receiver, catalogue } = reference;
    const central = new CentralArchive(s3server().endpoint, 'branch-chain/');
    let old: CoreContext | null = null;
    try {
      expect((await sync(station)).sent).toEqual([first.batchId]);
      await receiver.pass();
      expect(receipts).toEqual([{ batchId: first.batchId, status: 'accepted', reason: null }]);
      expect((await sync(station)).acknowledged).toEqual([first.batchId]);
      const [acked] = acknowledgedHeads(station.db);
      expect(acked?.head.id).toBeGreaterThan(0);

      // The next bag carries the events after the acknowledged head: it continues the chain.
      const second = await queueBatch(station, fixtures.slice(0, 2), '网点 批次 2');
      expect((await sync(station)).sent).toEqual([second]);
      const seal = readSeal((await central.read(`branch-chain/bags/${second}/${SEAL_FILE}`))!);
      expect(seal.previous).toEqual(acked!.head);
      await receiver.pass();
      expect(receipts.at(-1)).toEqual({ batchId: second, status: 'accepted', reason: null });
      expect((await sync(station)).acknowledged).toEqual([second]);
      expect((await catalogue.stations())[0]?.chainHead).toEqual(seal.head);

      // The old copy goes on as if nothing had been sent: its new events take ids the centre holds with other content.
      old = await openCoreContext({ dataDir: oldDir, actor: 'clerk', workers: 1 });
      const third = await queueBatch(old, fixtures.slice(2, 4), '网点 批次 3');
      expect(await verifyStore(old.db, old.blobs)).toMatchObject({ ok: true });
      // (Its first batch goes again on reading the centre's ack of the real one: other hashes.)
      expect([...new Set((await sync(old)).sent)].sort()).toEqual([first.batchId, third].sort());
      await receiver.pass();
      const fromOld = receipts.slice(2);
      expect(fromOld.map((r) => r.batchId).sort()).toEqual([first.batchId, third].sort());
      for (const r of fromOld) expect(r).toMatchObject({ status: 'rejected', reason: expect.stringContaining('does not continue the chain the centre holds') });
      await sync(old);
      expect(getTransfer(old.db, third)?.state).toBe('failed');
      expect((await catalogue.stations())[0]).toMatchObject({ lastStatus: 'rejected', chainHead: seal.head });
    } finally {
      central.close();
      await reference.close();
      await station.close();
      await old?.close();
    }
  });
});
