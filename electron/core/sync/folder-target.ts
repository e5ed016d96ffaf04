import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory, writeDurably } from '../files/durable-copy';
import { isInside } from '../util/safe-path';
import { MAX_SMALL_OBJECT, type SyncTarget } from './sync-target';
import { describeTarget, targetId, type TargetSpec } from './target-spec';
import { throttle } from './throttle';
import { transient } from './transfer-errors';

type FolderSpec = Extract<TargetSpec, { kind: 'folder' }>;

/**
 * Bags on a USB disk or network share (离线移交), in the same layout as a bucket. A bag is
 * written into `bags/<batch>.partial/`, each file to a temp name, fsynced, renamed; after every
 * file was read back, the folder is renamed to `bags/<batch>/`: a bag folder without `.partial`
 * is complete. The root must exist (a mounted disk): it is never created, so an unplugged disk
 * is an error rather than a folder on the station's own disk.
 */
export function openFolderTarget(spec: FolderSpec): SyncTarget {
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

  return {
    id: targetId(spec),
    label: describeTarget(spec),
    async put(batchId, file, source, io) {
      await requireRoot();
      const dest = within(await bagDir(batchId), file.path);
      await mkdir(path.dirname(dest), { recursive: true });
      await writeDurably(throttle(source.stream(), io.bucket, io.onSent, io.signal), dest, io.signal);
      return 'unverified';
    },
    // A local disk: the content is read back every time.
    async check(batchId, file, _source, io) {
      await requireRoot();
      const full = within(await bagDir(batchId), file.path);
      const info = await stat(full).catch(() => null);
      if (!info?.isFile()) return 'missing';
      if (info.size !== file.size) return 'mismatch';
      const hash = createHash('sha256');
      for await (const chunk of throttle(createReadStream(full), io.bucket, () => undefined, io.signal) as AsyncIterable<Buffer>) hash.update(chunk);
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
