import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { filesUnder, provisionStation } from '../../electron/core/bench/lifecycle/folder-centre';
import { writeNewKeyFile } from '../../electron/core/central/centre-keys';
import { openCarrier } from '../../electron/core/central/open-carrier';
import { checkReceivedBag } from '../../electron/core/central/receipt-checks';
import type { CoreContext } from '../../electron/core/open-core';
import { carrierSeal } from '../../electron/core/sync/carrier-seal';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { getStation } from '../../electron/core/store/repo/station';
import { COMMIT_MARKER } from '../../electron/core/transfer/bag-text';
import { SEALED_ENVELOPE } from '../../electron/core/transfer/sealed-bag';
import { openEnvelope, PAYLOAD_TYPES } from '../../electron/core/trust/signed-envelope';
import { FIXTURES, needlesFor, scan } from '../helpers/at-rest-scan';
import { validateBag } from '../helpers/bagit';
import { storeWithQueuedBatch } from '../helpers/sync-store';
import { folderReceiver, referenceReceiver } from '../helpers/reference-receiver';
import { useS3Server } from '../helpers/s3-server';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const s3server = useS3Server();

const SCANS = ['id-card-04', 'withdrawal-03'].map((p) => path.join(FIXTURES, 'ocr', `${p}.jpg`));
/** What a lost disk must not show: the scans' file names (an original keeps its name in the bag), the batch's name, JPEG signatures. */
const BATCH_NAME = '张三 公积金提取 20250301';
const needles = new Map([...needlesFor([]), ['original name', Buffer.from('id-card-04')], ['batch name', Buffer.from(BATCH_NAME)]]);

/** Every file of a bag as the centre reads it from the disk, by its path in the bag folder. */
async function readBag(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const rel of await filesUnder(dir)) files.set(rel, await readFile(path.join(dir, rel)));
  return files;
}

/** A station with one queued batch of the scans, provisioned for `centre`, that has written its bag to a folder. */
async function carriedBag(root: string, centre: Parameters<typeof provisionStation>[1]): Promise<{ ctx: CoreContext; batchId: string; bag: string; usb: string }> {
  const { ctx, batchId } = await storeWithQueuedBatch(root, SCANS, BATCH_NAME);
  const usb = path.join(root, 'usb');
  await mkdir(usb);
  provisionStation(ctx.db, centre, { uri: pathToFileURL(usb).href, endpoint: null, region: null });
  const target = openTarget(parseTargetUri(pathToFileURL(usb).href), {}, [], carrierSeal(ctx.db, ctx.blobs));
  try {
    const report = await syncOnce(ctx, { target, force: true });
    expect(report.errors).toEqual([]);
    expect(report.sent).toEqual([batchId]);
  } finally {
    target.close();
  }
  return { ctx, batchId, bag: path.join(usb, 'bags', batchId), usb };
}

describe.each(['ed25519', 'sm2'] as const)('a bag carried on a disk for a centre with an encryption key (%s)', (algorithm) => {
  it('shows nothing on the disk, opens at the centre as a valid bag, and a tampered file or envelope is refused with the reason', async () => {
    const root = await tempDir();
    const centre = await writeNewKeyFile(path.join(root, 'centre.key'), algorithm);
    expect(centre.encryption?.algorithm).toBe(algorithm === 'sm2' ? 'sm2' : 'x25519');
    const { ctx, batchId, bag, usb } = await carriedBag(root, centre);
    try {
      const onDisk = await readBag(bag);
      expect([...onDisk.keys()].every((p) => p === SEALED_ENVELOPE || p === 'tagmanifest-sha256.txt' || /^sealed\/[0-9a-f]{64}$/.test(p))).toBe(true);
      expect([...(await scan(usb, needles))]).toEqual([]);
      const envelope = JSON.parse(onDisk.get(SEALED_ENVELOPE)!.toString('utf8')) as { suite: string; centre: { algorithm: string } };
      expect(envelope).toMatchObject({ suite: algorithm === 'sm2' ? 'sm' : 'standard', centre: { algorithm: centre.encryption!.algorithm } });

      // The centre opens it with its private key: the station's bag, whole, as BagIt and its own receipt checks see it.
      const opened = await openCarrier(batchId, onDisk, centre.encryption);
      expect(opened.check).toMatchObject({ ok: true, problems: [] });
      expect(checkReceivedBag(batchId, opened.files).checks.filter((c) => !c.ok)).toEqual([]);
      const plain = path.join(root, 'opened');
      for (const [rel, bytes] of opened.files) {
        await mkdir(path.dirname(path.join(plain, rel)), { recursive: true });
        await writeFile(path.join(plain, rel), bytes);
      }
      expect(await validateBag(plain)).toEqual({ valid: true, problems: [] });
      expect([...opened.files.keys()].some((p) => p.includes('id-card-04'))).toBe(true);

      // Another centre's key opens nothing.
      const other = await writeNewKeyFile(path.join(root, 'other.key'), algorithm);
      expect((await openCarrier(batchId, onDisk, other.encryption)).check).toMatchObject({ ok: false, problems: [expect.stringMatching(/sealed for key .* not this centre's/)] });

      // One changed byte in a sealed file: refused, naming the file.
      const original = [...opened.files.keys()].find((p) => p.includes('id-card-04'))!;
      const sealedName = [...onDisk.keys()].find((p) => p.startsWith('sealed/') && onDisk.get(p)!.length > 60_000)!;
      const tampered = new Map(onDisk);
      const bytes = Buffer.from(onDisk.get(sealedName)!);
      bytes[bytes.length - 100]! ^= 0x40;
      tampered.set(sealedName, bytes);
      const refused = await openCarrier(batchId, tampered, centre.encryption);
      expect(refused.check?.ok).toBe(false);
      expect(refused.check?.problems.join('\n')).toMatch(/^data\/.* does not open \(altered, or not sealed for this centre\)$/m);
      expect(original).toMatch(/^data\/originals\//);

      // The envelope's wrapped key altered, or the envelope taken for another batch.
      const env = JSON.parse(onDisk.get(SEALED_ENVELOPE)!.toString('utf8')) as { centre: { wrapped: string }; batchId: string };
      // A digit both base64 (X25519's wrap) and hex (SM2's) allow, changed.
      const w = env.centre.wrapped;
      const flipped = `${w.slice(0, 10)}${w[10] === '0' ? '1' : '0'}${w.slice(11)}`;
      const badWrap = new Map(onDisk).set(SEALED_ENVELOPE, Buffer.from(JSON.stringify({ ...env, centre: { ...env.centre, wrapped: flipped } })));
      expect((await openCarrier(batchId, badWrap, centre.encryption)).check).toMatchObject({ ok: false, problems: [expect.stringMatching(/does not unwrap/)] });
      expect((await openCarrier('another-batch', onDisk, centre.encryption)).check).toMatchObject({ ok: false, problems: [expect.stringMatching(/is for batch/)] });
    } finally {
      await ctx.close();
    }
  }, 180_000);
});

describe('a sealed disk brought back to the centre', () => {
  it('is received from the folder as it is, acknowledged with the station\'s own hashes, and the station takes the acknowledgement when the disk returns', async () => {
    const root = await tempDir();
    const centre = await writeNewKeyFile(path.join(root, 'centre.key'), 'ed25519');
    const { ctx, batchId, usb } = await carriedBag(root, centre);
    const receipts: Array<{ status: string; reason: string | null }> = [];
    const centreSide = folderReceiver(usb, centre, path.join(root, 'catalogue.sqlite'), (r) => receipts.push(r));
    try {
      expect(await centreSide.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(receipts).toMatchObject([{ status: 'accepted', reason: null }]);
      const target = openTarget(parseTargetUri(pathToFileURL(usb).href), {}, [], carrierSeal(ctx.db, ctx.blobs));
      try {
        const back = await syncOnce(ctx, { target, force: true });
        expect(back).toMatchObject({ errors: [], acknowledged: [batchId] });
      } finally {
        target.close();
      }
    } finally {
      await centreSide.close();
      await ctx.close();
    }
  }, 180_000);
});

describe('the reference receiver and a carried bag (SM2 centre)', () => {
  it('accepts the sealed bag with the station\'s own hashes in its signed acknowledgement, and rejects a tampered copy with the reason', async () => {
    const root = await tempDir();
    const centre = await writeNewKeyFile(path.join(root, 'centre.key'), 'sm2');
    const { ctx, batchId, bag } = await carriedBag(root, centre);
    const receipts: Array<{ status: string; reason: string | null }> = [];
    const { receiver, store: bucket, close } = referenceReceiver(s3server().endpoint, centre, path.join(root, 'catalogue.sqlite'), (r) => receipts.push(r));
    try {
      // The disk's folder brought into the centre's store as it is, marker last (contract §3).
      const onDisk = await readBag(bag);
      const upload = async (prefix: string, files: ReadonlyMap<string, Buffer>) => {
        for (const [rel, bytes] of [...files].sort(([a], [b]) => Number(a === COMMIT_MARKER) - Number(b === COMMIT_MARKER))) await bucket.write(`${prefix}bags/${batchId}/${rel}`, bytes);
      };
      await upload('disk-1/', onDisk);
      expect(await receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      expect(receipts).toEqual([{ status: 'accepted', reason: null, bag: expect.anything(), resumed: false }]);
      const ack = openEnvelope((await bucket.read(`disk-1/acks/${batchId}.json`))!, PAYLOAD_TYPES.ack, centre);
      expect(ack.ok).toBe(true);
      const payload = JSON.parse(ack.ok ? ack.payload.toString('utf8') : '{}') as { status: string; stationId: string; files: Record<string, string> };
      const planned = ctx.db.prepare('SELECT path, sha256 FROM transfer_files WHERE batch_id = ?').all(batchId) as Array<{ path: string; sha256: string }>;
      expect(planned.length).toBeGreaterThan(5);
      expect(payload).toMatchObject({ status: 'accepted', stationId: getStation(ctx.db).id, files: Object.fromEntries(planned.map((f) => [f.path, f.sha256])) });

      const tampered = new Map(onDisk);
      const victim = [...onDisk.keys()].find((p) => p.startsWith('sealed/'))!;
      const bytes = Buffer.from(onDisk.get(victim)!);
      bytes[bytes.length - 1]! ^= 1;
      await upload('disk-2/', tampered.set(victim, bytes));
      expect(await receiver.pass()).toEqual({ acknowledged: 1, skipped: 1 });
      expect(receipts[1]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^receipt\.carrier: .* does not open \(altered, or not sealed for this centre\)/) });
    } finally {
      await close();
      await ctx.close();
    }
  }, 180_000);
});

describe('a bag carried for a centre that published no encryption key', () => {
  it('travels in the clear, as before: the same scan finds the scans on the disk (so it can fail)', async () => {
    const root = await tempDir();
    const centre = await writeNewKeyFile(path.join(root, 'centre.key'), 'ed25519');
    const { ctx, bag, usb } = await carriedBag(root, { ...centre, encryption: null });
    try {
      expect(await validateBag(bag)).toEqual({ valid: true, problems: [] });
      const found = await scan(usb, needles);
      expect(found).toContain('magic jpegExif');
      expect(found).toContain('original name');
    } finally {
      await ctx.close();
    }
  }, 180_000);
});
