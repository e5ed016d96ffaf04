import { stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { RETIRED } from '../../electron/core/central/catalogue';
import { ackPayload } from '../../electron/core/sync/acknowledgement';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { getTransfer } from '../../electron/core/transfer/transfer-store';
import { openEnvelope, PAYLOAD_TYPES, sealEnvelope } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { referenceReceiver } from '../helpers/reference-receiver';
import { BUCKET, useS3Server } from '../helpers/s3-server';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const s3server = useS3Server();

describe('the reference receiver', () => {
  it('acknowledges a sound bag with a signature the station takes; rejects an altered one with the failed check, and receives the station\'s re-send even in the same listed second', async () => {
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
      const judgedWrite = (await stat(s3server().objectFile(marker))).mtime;

      expect(await receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(receipts).toMatchObject([{ status: 'rejected', reason: expect.stringContaining('receipt.fixity') }]);
      const rejected = openEnvelope((await tamper.read(`branch-01/acks/${station.batchId}.json`))!, PAYLOAD_TYPES.ack, keys);
      expect(rejected.ok).toBe(true);
      // The receiver retired the write it rejected (the marker is gone), so nothing is received twice.
      expect(await tamper.read(marker)).toBeNull();
      expect(await receiver.pass()).toEqual({ acknowledged: 0, skipped: 0 });

      // The station finds the altered file in the signed ack and sends it again, marker last. The
      // store lists the new marker with the same ETag (same bytes) and, here pinned, in the same
      // whole second as the write the receiver judged: it is still a write to receive.
      const resent = await sync();
      expect(resent).toMatchObject({ sent: [station.batchId], errors: [{ code: 'ack_mismatch' }] });
      await utimes(s3server().objectFile(marker), judgedWrite, judgedWrite);
      expect((await centre.store.committedBags()).map((b) => b.version.split('@')[1])).toEqual([judgedWrite.toISOString().replace(/\.\d{3}Z$/, '.000Z')]);
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

  it('a rejection whose receiver died after removing the marker is still acknowledged, by another receiver, with the recorded bytes', async () => {
    const root = await tempDir();
    const keys = generateSigningKeys('ed25519');
    const bag = { prefix: 'branch-02/', batchId: 'B-STRANDED', version: '"0f"@2026-12-06T02:00:00.000Z' };
    const ack = sealEnvelope(keys, PAYLOAD_TYPES.ack, ackPayload({ batchId: bag.batchId, stationId: 'S02', status: 'rejected', receivedAt: new Date().toISOString(), archive: '市档案馆', files: {}, reason: 'receipt.fixity: altered' }));
    const received = { stationId: 'S02', stationName: '二号站', fonds: 'F02', checks: [], ok: false, hashes: {}, items: [], supervision: null };
    const centre = referenceReceiver(s3server().endpoint, keys, path.join(root, 'catalogue.sqlite'), undefined, 'branch-02/');
    try {
      // The dead receiver: it recorded its rejection and removed the marker (nothing is listed), then died before the ack.
      expect(await centre.catalogue.claim(bag, 'dead', 1)).toEqual({ kind: 'claimed' });
      expect(await centre.catalogue.record('dead', { bag, received, status: 'rejected', reason: 'receipt.fixity: altered', ack, ackSha256: createHash('sha256').update(ack).digest('hex'), receivedAt: new Date().toISOString(), chain: null })).toBe(true);
      await expect.poll(async () => (await centre.catalogue.stranded()).length).toBe(1);

      expect(await centre.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(await centre.store.read(`branch-02/acks/${bag.batchId}.json`)).toEqual(ack);
      // Retired: the version is free for the station's re-send.
      expect(await centre.catalogue.receipts()).toMatchObject([{ prefix: 'branch-02/', batchId: bag.batchId, version: expect.stringContaining(RETIRED), status: 'rejected' }]);
      expect(await centre.catalogue.claim(bag, 'next', 60_000)).toEqual({ kind: 'claimed' });
    } finally {
      await centre.close();
    }
  });
});
