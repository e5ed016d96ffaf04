import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { provisionStation } from '../../electron/core/bench/lifecycle/folder-centre';
import { asStation } from '../../electron/core/bench/station-variants';
import { readKeyFile } from '../../electron/core/central/centre-keys';
import { CentreFolder } from '../../electron/core/central/folder-store';
import { openCatalogue } from '../../electron/core/central/open-catalogue';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { getTransfer } from '../../electron/core/transfer/transfer-store';
import { openEnvelope, PAYLOAD_TYPES } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { folderReceiver } from '../helpers/reference-receiver';
import { json, runCli } from '../helpers/run-cli';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Write a bag into a station's folder on the share as the folder target leaves it: payload and tags, the marker last. */
async function writeBag(station: string, batchId: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  const base = path.join(station, 'bags', batchId);
  for (const [p, bytes] of files) {
    if (p === 'tagmanifest-sha256.txt') continue;
    await mkdir(path.dirname(path.join(base, p)), { recursive: true });
    await writeFile(path.join(base, p), bytes);
  }
  await writeFile(path.join(base, 'tagmanifest-sha256.txt'), files.get('tagmanifest-sha256.txt')!);
}

interface ReceiveOutput {
  readonly acknowledged: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly failed: number;
}

describe('the reference receiver on a folder (a USB disk brought back, a share of branches)', () => {
  it('two `central receive` runs on one share acknowledge every committed bag exactly once, reject a damaged one with its reason, and the station takes its acknowledgement off the disk', async () => {
    const root = await tempDir();
    const key = path.join(root, 'centre-key.json');
    expect((await runCli(['central', 'keygen', '--key', key, '--data', root, '--json'])).code).toBe(0);
    const keys = await readKeyFile(key);
    const share = path.join(root, 'share');
    await mkdir(share);
    const receive = (...extra: string[]) => runCli(['central', 'receive', '--folder', share, '--key', key, '--catalogue', path.join(root, 'catalogue.sqlite'), '--data', root, '--json', ...extra]);

    // A real station writes its batch to its folder on the share; seven others hand in the same batch as theirs.
    const station = await storeWithQueuedBatch(root, await writeSyncFixtures(path.join(root, 'in')));
    const own = path.join(share, 'branch-00');
    await mkdir(own);
    provisionStation(station.ctx.db, keys, { uri: pathToFileURL(own).href, endpoint: null, region: null });
    const stationSync = async () => {
      const target = openTarget(parseTargetUri(pathToFileURL(own).href));
      try {
        return await syncOnce(station.ctx, { target, force: true });
      } finally {
        target.close();
      }
    };
    try {
      expect((await stationSync()).sent).toEqual([station.batchId]);
      const bag = await new CentreFolder(share).bagFiles({ prefix: 'branch-00/', batchId: station.batchId });
      const others = Array.from({ length: 7 }, (_, i) => `branch-${String(i + 1).padStart(2, '0')}`);
      for (const [i, name] of others.entries()) {
        const files = asStation(bag, `S_SHARE${i + 1}`);
        // Branch 03's disk corrupted one page on the way.
        if (name === 'branch-03') files.set([...files.keys()].find((p) => p.startsWith('data/images/'))!, Buffer.from('not the scanned page'));
        await writeBag(path.join(share, name), station.batchId, files);
      }
      // A bag still being written (its folder not yet renamed) is not committed: nobody touches it.
      await writeBag(path.join(share, 'branch-09'), `${station.batchId}.partial`, asStation(bag, 'S_SHARE9'));

      const [first, second] = await Promise.all([receive(), receive()]);
      expect(first.code, first.stderr).toBe(0);
      expect(second.code, second.stderr).toBe(0);
      const runs = [json<ReceiveOutput>(first), json<ReceiveOutput>(second)];
      expect(runs.reduce((n, r) => n + r.acknowledged, 0)).toBe(8);
      expect(runs.reduce((n, r) => n + r.rejected, 0)).toBe(1);
      expect(`${first.stderr}${second.stderr}`).toMatch(/✗ branch-03\/\S+ rejected: receipt\.fixity: data\/images\/\S+ does not match manifest-sha256\.txt/);

      // One receipt and one signed acknowledgement per bag, in the station's own folder.
      const catalogue = await openCatalogue(path.join(root, 'catalogue.sqlite'));
      try {
        const receipts = await catalogue.receipts();
        expect(receipts.map((r) => r.prefix).sort()).toEqual(['branch-00/', ...others].map((p) => (p.endsWith('/') ? p : `${p}/`)));
        for (const r of receipts) {
          const ack = await readFile(path.join(share, r.prefix, 'acks', `${station.batchId}.json`));
          expect(createHash('sha256').update(ack).digest('hex')).toBe(r.ackSha256);
          const opened = openEnvelope(ack, PAYLOAD_TYPES.ack, keys);
          expect(opened.ok).toBe(true);
          expect(JSON.parse((opened as { payload: Buffer }).payload.toString('utf8'))).toMatchObject({ batchId: station.batchId, status: r.prefix === 'branch-03/' ? 'rejected' : 'accepted' });
        }
      } finally {
        await catalogue.close();
      }
      // The rejected write is retired (its marker removed), so the branch's re-send is received anew; the unfinished bag is left alone.
      await expect(stat(path.join(share, 'branch-03', 'bags', station.batchId, 'tagmanifest-sha256.txt'))).rejects.toThrow();
      expect(await readdir(path.join(share, 'branch-09'))).toEqual(['bags']);

      // Received once: a second pass has nothing to do.
      expect(json<ReceiveOutput>(await receive())).toMatchObject({ acknowledged: 0, failed: 0 });
      // The disk goes back to the branch: its station takes the signed acknowledgement.
      expect(await stationSync()).toMatchObject({ acknowledged: [station.batchId], errors: [] });
      expect(getTransfer(station.ctx.db, station.batchId)?.state).toBe('acknowledged');
    } finally {
      await station.ctx.close();
    }
  }, 240_000);

  it('a disk that is not mounted is said so, exits 1 for the operator to try again, and nothing is created in its place', async () => {
    const root = await tempDir();
    const key = path.join(root, 'centre-key.json');
    expect((await runCli(['central', 'keygen', '--key', key, '--data', root, '--json'])).code).toBe(0);
    const usb = path.join(root, 'usb');
    const run = await runCli(['central', 'receive', '--folder', usb, '--key', key, '--catalogue', path.join(root, 'catalogue.sqlite'), '--data', root, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('未插入磁盘');
    expect(json<ReceiveOutput>(run)).toMatchObject({ acknowledged: 0, failed: 1 });
    expect(await readdir(root)).not.toContain('usb');
    // Both places at once, or neither, is a usage error.
    expect((await runCli(['central', 'receive', '--folder', usb, '--bucket', 'sync', '--key', key, '--data', root])).code).not.toBe(0);
  });

  it('a receiver whose listing is older than another\'s rejection does not judge the retired write again', async () => {
    const root = await tempDir();
    const keys = generateSigningKeys('ed25519');
    const disk = path.join(root, 'usb');
    // Not a bag at all: whatever it is, it is rejected once.
    await writeBag(disk, 'B-JUNK', new Map([['bagit.txt', Buffer.from('junk')], ['tagmanifest-sha256.txt', Buffer.from('junk')]]));
    const receipts: string[] = [];
    const first = folderReceiver(disk, keys, path.join(root, 'catalogue.sqlite'), (r) => receipts.push(r.status));
    const second = folderReceiver(disk, keys, path.join(root, 'catalogue.sqlite'), (r) => receipts.push(r.status));
    try {
      const stale = await second.store.committedBags();
      expect(stale).toHaveLength(1);
      expect(await first.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      // The write is retired (its key freed for a re-send), but its marker is gone: nothing to judge.
      expect(await second.receiver.receive(stale[0]!)).toBe(false);
      expect(receipts).toEqual(['rejected']);
      expect(await first.catalogue.receipts()).toHaveLength(1);
      // The station's re-send, the marker written again with the very same bytes and time, is received.
      const marker = path.join(disk, 'bags', 'B-JUNK', 'tagmanifest-sha256.txt');
      await writeFile(marker, 'junk');
      const judged = new Date(stale[0]!.version.split('@')[1]!);
      await utimes(marker, judged, judged);
      expect(await second.receiver.receive(stale[0]!)).toBe(true);
      expect(receipts).toEqual(['rejected', 'rejected']);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('refuses keys that leave the folder', async () => {
    const root = await tempDir();
    const folder = new CentreFolder(root);
    await expect(folder.write('../outside.json', Buffer.from('{}'))).rejects.toThrow(/escapes the folder/);
    await expect(folder.read('branch/../../outside.json')).rejects.toThrow(/escapes the folder/);
    expect(await readdir(path.dirname(root))).not.toContain('outside.json');
  });
});
