import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { getTransfer } from '../../electron/core/transfer/transfer-store';
import { openEnvelope, PAYLOAD_TYPES } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { referenceReceiver } from '../helpers/reference-receiver';
import { BUCKET, useS3Server } from '../helpers/s3-server';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const s3server = useS3Server();

/** Resolves once the wall clock is in a later whole second than `ms` (S3 LastModified is in seconds). */
const untilSecondAfter = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, 1000 - (ms % 1000) + 1));

describe('the reference receiver', () => {
  it('acknowledges a sound bag with a signature the station takes; rejects an altered one with the failed check, and the station sends it again', async () => {
    const root = await tempDir();
    const keys = generateSigningKeys('ed25519');
    const station = await storeWithQueuedBatch(root, await writeSyncFixtures(path.join(root, 'in')));
    const uri = `s3://${BUCKET}/branch-01`;
    provisionStation(station.ctx.db, keys, { uri, endpoint: s3server().endpoint, region: null });
    const sync = async () => {
      const target = openTarget(parseTargetUri(uri, { endpoint: s3server().endpoint }));
      try {
        return await syncOnce(station.ctx, { target, force: true });
      } finally {
        target.close();
      }
    };
    const receipts: Array<{ status: string; reason: string | null }> = [];
    const centre = referenceReceiver(s3server().endpoint, keys, path.join(root, 'catalogue.sqlite'), (r) => receipts.push(r));
    const { receiver, catalogue } = centre;
    const tamper = new CentralArchive(s3server().endpoint, 'branch-01/');
    try {
      expect((await sync()).sent).toEqual([station.batchId]);
      // Damage at the centre's store after arrival: one image altered, the marker written again.
      const imageKey = (await tamper.keys(`bags/${station.batchId}/data/images/`))[0]!;
      const marker = `branch-01/bags/${station.batchId}/tagmanifest-sha256.txt`;
      await tamper.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: imageKey, Body: Buffer.from('not the scanned page') }));
      await tamper.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: marker, Body: (await tamper.read(marker))! }));

      expect(await receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(receipts).toMatchObject([{ status: 'rejected', reason: expect.stringContaining('receipt.fixity') }]);
      const rejected = openEnvelope((await tamper.read(`branch-01/acks/${station.batchId}.json`))!, PAYLOAD_TYPES.ack, keys);
      expect(rejected.ok).toBe(true);
      // Nothing new: the same write of the marker is not received twice.
      expect(await receiver.pass()).toEqual({ acknowledged: 0, skipped: 1 });

      // The station finds the altered file in the signed ack and sends it again, marker last. A
      // bag's version is its marker's ETag and LastModified, which S3 gives in whole seconds: the
      // same bytes written again within the second of the judged write would be the same version
      // (a known limit, docs/central-contract.md §8). A real station's next cycle is minutes away;
      // here the clock is let pass that second, not a guess at how long anything takes.
      await untilSecondAfter(Date.now());
      const resent = await sync();
      expect(resent).toMatchObject({ sent: [station.batchId], errors: [{ code: 'ack_mismatch' }] });
      expect(await receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(receipts.at(-1)).toMatchObject({ status: 'accepted', reason: null });
      expect(await sync()).toMatchObject({ acknowledged: [station.batchId], errors: [] });
      expect(getTransfer(station.ctx.db, station.batchId)?.state).toBe('acknowledged');
      expect(await catalogue.stations()).toMatchObject([{ prefix: 'branch-01/', bags: 2, lastStatus: 'accepted', lastBatch: station.batchId }]);
    } finally {
      tamper.close();
      await centre.close();
      await station.ctx.close();
    }
  });
});
