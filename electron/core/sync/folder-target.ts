import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { syncDirectory, writeDurably } from '../files/durable-copy';
import { decryptObject, encryptedSize, encryptObject, ObjectDamaged } from '../files/object-cipher';
import { newSealedBag, resumeSealedBag, SEALED_ENVELOPE, type CarrierSeal, type SealedBagKeys } from '../transfer/sealed-bag';
import { isInside } from '../util/safe-path';
import { MAX_SMALL_OBJECT, type SyncTarget } from './sync-target';
import { describeTarget, targetId, type TargetSpec } from './target-spec';
import { throttle } from './throttle';
import { permanent, transient } from './transfer-errors';

type FolderSpec = Extract<TargetSpec, { kind: 'folder' }>;

/**
 * Bags on a USB disk or network share (离线移交), in the same layout as a bucket. A bag is
 * written into `bags/<batch>.partial/`, each file to a temp name, fsynced, renamed; after every
 * file was read back, the folder is renamed to `bags/<batch>/`: a bag folder without `.partial`
 * is complete. The root must exist (a mounted disk): it is never created, so an unplugged disk
 * is an error rather than a folder on the station's own disk.
 *
 * A disk gets lost in the post: with `seal` (the centre published an encryption key) every file
 * is sealed for the centre (transfer/sealed-bag.ts), its envelope written before the first file.
 */
export function openFolderTarget(spec: FolderSpec, seal: CarrierSeal | null = null): SyncTarget {
  const bags = path.join(spec.root, 'bags');
  const partial = (batchId: string) => path.join(bags, `${batchId}.partial`);
  const final = (batchId: string) => path.join(bags, batchId);
  const within = (dir: string, rel: string) => {
    const full = path.join(dir, ...rel.split('/'));
    if (!isInside(dir, full)) throw new Error(`path escapes the bag: ${rel}`);
    return full;
  };

  async function requireRoot(): Promise<void> {
    const info = await stat(spec.root).catch(() => null);
    if (!info?.isDirectory()) throw transient('target_unavailable', `目标文件夹不可用（未插入磁盘？）/ target folder not available (disk not mounted?): ${spec.root}`);
  }

  async function isDir(dir: string): Promise<boolean> {
    return (await stat(dir).catch(() => null))?.isDirectory() === true;
  }

  /** The committed folder once it exists (a file re-sent after an acknowledgement goes there), else the partial one. */
  const bagDir = async (batchId: string) => ((await isDir(final(batchId))) ? final(batchId) : partial(batchId));

  async function readSmall(file: string): Promise<Buffer | null> {
    await requireRoot();
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    if (info.size > MAX_SMALL_OBJECT) throw transient('object_too_large', `${file} is larger than ${MAX_SMALL_OBJECT} bytes`);
    return readFile(file);
  }

  const seals = new Map<string, Promise<SealedBagKeys>>();
  /** The bag's sealing keys, once per bag and target: from the envelope already on the disk, or a new one. */
  const bagSeal = (batchId: string, carrier: CarrierSeal): Promise<SealedBagKeys> => {
    let keys = seals.get(batchId);
    if (!keys) {
      keys = sealBag(batchId, carrier);
      keys.catch(() => seals.delete(batchId));
      seals.set(batchId, keys);
    }
    return keys;
  };

  async function sealBag(batchId: string, carrier: CarrierSeal): Promise<SealedBagKeys> {
    const dir = await bagDir(batchId);
    const file = path.join(dir, SEALED_ENVELOPE);
    const existing = await readFile(file).catch(() => null);
    if (existing) {
      const resumed = resumeSealedBag(carrier, batchId, existing);
      // Files sealed under a key this station cannot open again would be unreadable at the centre beside new ones.
      if (!resumed) throw permanent('carrier_sealed_elsewhere', `此批次在目标中已按其他密钥加密，请移走该文件夹后重试 / this batch's bag on the target was sealed under another key (another store or centre key): move ${dir} away and retry`);
      return resumed;
    }
    const made = newSealedBag(carrier, batchId);
    await mkdir(dir, { recursive: true });
    await writeDurably(Readable.from([made.envelope]), file);
    return made.bag;
  }

  return {
    id: targetId(spec),
    label: describeTarget(spec),
    async put(batchId, file, source, io) {
      await requireRoot();
      const bag = seal && (await bagSeal(batchId, seal));
      const dest = within(await bagDir(batchId), bag ? bag.sealedPath(file.path) : file.path);
      await mkdir(path.dirname(dest), { recursive: true });
      const plain = throttle(source.stream(), io.bucket, io.onSent, io.signal);
      await writeDurably(bag ? Readable.from(encryptObject(bag.keys, bag.sealedPath(file.path), plain)) : plain, dest, io.signal);
      return 'unverified';
    },
    // A local disk: the content is read back every time.
    // A sealed file is opened (every tag checked) and its plaintext hashed.
    async check(batchId, file, _source, io) {
      await requireRoot();
      const bag = seal && (await bagSeal(batchId, seal));
      const name = bag ? bag.sealedPath(file.path) : file.path;
      const full = within(await bagDir(batchId), name);
      const info = await stat(full).catch(() => null);
      if (!info?.isFile()) return 'missing';
      if (info.size !== (bag ? encryptedSize(file.size) : file.size)) return 'mismatch';
      const hash = createHash('sha256');
      const stored = throttle(createReadStream(full), io.bucket, () => undefined, io.signal) as AsyncIterable<Buffer>;
      try {
        for await (const chunk of bag ? decryptObject(bag.keys, name, stored) : stored) hash.update(chunk);
      } catch (err) {
        if (err instanceof ObjectDamaged) return 'mismatch';
        throw err;
      }
      return hash.digest('hex') === file.sha256 ? 'ok' : 'mismatch';
    },
    async commit(batchId) {
      await requireRoot();
      if (await isDir(final(batchId))) return;
      await rename(partial(batchId), final(batchId));
      await syncDirectory(bags);
    },
    readAck: (batchId) => readSmall(path.join(spec.root, 'acks', `${batchId}.json`)),
    readConfig: (name) => readSmall(path.join(spec.root, 'config', name)),
    close: () => undefined,
  };
}
