import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract';
import type { SyncReport } from '../../electron/core/sync/sync-engine';
import { filesUnder, provisionStation } from '../../electron/core/bench/lifecycle/folder-centre';
import { openEnvelope, PAYLOAD_TYPES } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { validateBag } from '../helpers/bagit';
import { folderReceiver } from '../helpers/reference-receiver';
import { json, runCli } from '../helpers/run-cli';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const centre = generateSigningKeys('ed25519');

describe('offline transfer to a folder (USB disk, network share)', () => {
  it('waits for the disk, writes the bag atomically, re-sends what the centre found altered, then takes its acknowledgement', async () => {
    const root = await tempDir();
    const { ctx, batchId, dataDir } = await storeWithQueuedBatch(root, await writeSyncFixtures(path.join(root, 'in')));
    const usb = path.join(root, 'usb');
    provisionStation(ctx.db, centre, { uri: pathToFileURL(usb).href, endpoint: null, region: null });
    await ctx.close();
    const sync = (...extra: string[]) => runCli(['sync', '--once', '--data', dataDir, '--json', ...extra]);

    // The disk is not plugged in: the batch is packaged and waits; nothing is created in its place.
    const unplugged = await sync('--target', pathToFileURL(usb).href, '--save', 'usb');
    expect(unplugged.code).toBe(1);
    expect(json<SyncReport>(unplugged).errors).toContainEqual(expect.objectContaining({ batchId, kind: 'transient', code: 'target_unavailable' }));
    expect(await readdir(root)).not.toContain('usb');

    await mkdir(usb);
    const written = await sync();
    expect(written.code, written.stderr).toBe(0);
    expect(json<SyncReport>(written).sent).toEqual([batchId]);
    expect(await readdir(path.join(usb, 'bags'))).toEqual([batchId]);
    const bag = path.join(usb, 'bags', batchId);
    expect(await validateBag(bag)).toEqual({ valid: true, problems: [] });
    expect((await filesUnder(bag)).some((f) => f.endsWith('.tmp'))).toBe(false);

    const status = json<SyncStatus>(await runCli(['sync', '--status', '--data', dataDir, '--json']));
    expect(status.target?.name).toBe('usb');
    expect(status.transfers).toMatchObject([{ batchId, state: 'uploaded', filesDone: status.transfers[0]!.filesTotal }]);

    // At the centre (the real receiver, on the disk brought back) a file is found damaged: the
    // signed rejection says which check failed, and the station writes the file again.
    const receipts: Array<{ status: string; reason: string | null }> = [];
    const receiver = folderReceiver(usb, centre, path.join(root, 'catalogue.sqlite'), (r) => receipts.push(r));
    try {
      const damaged = path.join(bag, 'data/metadata/supervision.json');
      await writeFile(damaged, '{}');
      expect(await receiver.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(receipts).toMatchObject([{ status: 'rejected', reason: expect.stringContaining('data/metadata/supervision.json does not match manifest-sha256.txt') }]);
      const rejection = openEnvelope(await readFile(path.join(usb, 'acks', `${batchId}.json`)), PAYLOAD_TYPES.ack, centre);
      expect(rejection.ok && JSON.parse(rejection.payload.toString('utf8'))).toMatchObject({ batchId, status: 'rejected' });
      const resent = await sync();
      expect(resent.code).toBe(2);
      expect(json<SyncReport>(resent)).toMatchObject({ sent: [batchId], errors: [{ code: 'ack_mismatch' }] });
      expect(await validateBag(bag)).toEqual({ valid: true, problems: [] });

      expect(await receiver.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(receipts.at(-1)).toMatchObject({ status: 'accepted', reason: null });
      const acknowledged = await sync();
      expect(json<SyncReport>(acknowledged)).toMatchObject({ acknowledged: [batchId], errors: [], pending: 0 });
    } finally {
      await receiver.close();
    }

    // The export of an acknowledged batch is the very bag that was handed over.
    const exported = path.join(root, 'export');
    expect((await runCli(['export', batchId, '--bag', exported, '--data', dataDir, '--json'])).code).toBe(0);
    expect(await readFile(path.join(exported, 'tagmanifest-sha256.txt'), 'utf8')).toBe(await readFile(path.join(bag, 'tagmanifest-sha256.txt'), 'utf8'));
  });
});
