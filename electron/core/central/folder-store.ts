import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { syncDirectory, writeDurably } from '../files/durable-copy';
import { nullIfMissing } from '../files/missing-file';
import { COMMIT_MARKER } from '../transfer/bag-text';
import { isInside } from '../util/safe-path';
import { markerKey, type CentreStore, type CommittedBag } from './centre-store';

/** How deep station folders may sit below the root of a share (`<region>/<branch>/bags/…`). */
const MAX_DEPTH = 3;
/** Folders of a station's layout that never hold another station. */
const LAYOUT = new Set(['bags', 'acks', 'config']);
/** A write in progress (durable-copy's temp name): never part of a bag. */
const TEMP_FILE = /\.[0-9a-f]{12}\.tmp$/;

export class FolderStoreError extends Error {
  override name = 'FolderStoreError';
}

/**
 * The centre's side of the folder target (离线移交): a USB disk brought back from an offline
 * branch, or a share branches write to. The station writes `bags/<batch>.partial/` and renames it
 * to `bags/<batch>/` when every file was read back (folder-target.ts); a re-send after a rejection
 * writes into the renamed folder, marker last. So a bag is committed when `bags/<batch>/` holds
 * its commit marker. The root is one station's folder (prefix '') or a share holding several,
 * each in a folder of its own (prefix `<folder>/`). The root is never created: a disk that is not
 * mounted is an error, not an empty folder on the centre's own disk.
 */
export class CentreFolder implements CentreStore {
  readonly label: string;

  constructor(readonly root: string) {
    this.root = path.resolve(root);
    this.label = this.root;
  }

  async committedBags(): Promise<CommittedBag[]> {
    await this.requireRoot();
    const found: CommittedBag[] = [];
    const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        if (entry.name === 'bags') found.push(...(await this.markers(path.join(dir, 'bags'), prefix)));
        else if (!LAYOUT.has(entry.name) && depth < MAX_DEPTH) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`, depth + 1);
      }
    };
    await walk(this.root, '', 0);
    return found;
  }

  async markerVersion(bag: Pick<CommittedBag, 'prefix' | 'batchId'>): Promise<string | null> {
    await this.requireRoot();
    return this.versionAt(this.file(markerKey(bag)));
  }

  async bagFiles(bag: Pick<CommittedBag, 'prefix' | 'batchId'>): Promise<Map<string, Buffer>> {
    const base = this.file(`${bag.prefix}bags/${bag.batchId}`);
    const files = new Map<string, Buffer>();
    const walk = async (rel: string): Promise<void> => {
      for (const entry of await readdir(path.join(base, rel), { withFileTypes: true })) {
        const r = rel === '' ? entry.name : `${rel}/${entry.name}`;
        if (entry.isDirectory()) await walk(r);
        else if (entry.isFile() && !TEMP_FILE.test(entry.name)) files.set(r, await readFile(path.join(base, r)));
      }
    };
    await walk('');
    return files;
  }

  async read(key: string): Promise<Buffer | null> {
    await this.requireRoot();
    return nullIfMissing(readFile(this.file(key)));
  }

  async write(key: string, bytes: Buffer): Promise<void> {
    await this.requireRoot();
    const file = this.file(key);
    // Not the store's private mkdir: on a share, the station's user must read what is written here.
    if ((await mkdir(path.dirname(file), { recursive: true })) !== undefined) await syncDirectory(path.dirname(path.dirname(file)));
    await writeDurably(Readable.from([bytes]), file);
  }

  async remove(key: string): Promise<void> {
    await this.requireRoot();
    const file = this.file(key);
    await rm(file, { force: true });
    await syncDirectory(path.dirname(file)).catch(() => undefined);
  }

  close(): void {}

  /** The committed bags in one station's `bags/` folder; a marker's version is its content and time. */
  private async markers(bags: string, prefix: string): Promise<CommittedBag[]> {
    const found: CommittedBag[] = [];
    for (const entry of await readdir(bags, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.endsWith('.partial')) continue;
      const version = await this.versionAt(path.join(bags, entry.name, COMMIT_MARKER));
      if (version !== null) found.push({ prefix, batchId: entry.name, version });
    }
    return found;
  }

  /** A marker file's version: a digest of its content and its time; null when there is none. */
  private async versionAt(marker: string): Promise<string | null> {
    const info = await stat(marker).catch(() => null);
    if (!info?.isFile()) return null;
    const bytes = await readFile(marker).catch(() => null);
    return bytes === null ? null : `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}@${info.mtime.toISOString()}`;
  }

  private async requireRoot(): Promise<void> {
    const info = await stat(this.root).catch(() => null);
    if (!info?.isDirectory()) throw new FolderStoreError(`文件夹不可用（未插入磁盘？）/ folder not available (disk not mounted?): ${this.root}`);
  }

  /** A key as a path below the root; a key that would leave it (`..`) is refused. */
  private file(key: string): string {
    const full = path.join(this.root, ...key.split('/'));
    if (key.split('/').some((p) => p === '' || p === '.' || p === '..') || !isInside(this.root, full)) throw new FolderStoreError(`key escapes the folder: ${key}`);
    return full;
  }
}
