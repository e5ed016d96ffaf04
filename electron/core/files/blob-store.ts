import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { makeDirDurably, syncDirectory } from './durable-copy';

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file store under `<data>/objects/ab/abcdef…`. Bytes are written to
 * `<data>/tmp`, fsynced, then renamed into place, so an object either exists whole or not at all.
 * Objects are never modified; writing the same content twice is a no-op.
 */
export class BlobStore {
  readonly objectsDir: string;
  readonly tmpDir: string;

  private readonly tmpRoot: string;

  constructor(dataDir: string) {
    this.objectsDir = path.join(dataDir, 'objects');
    this.tmpRoot = path.join(dataDir, 'tmp');
    // One temp folder per process: the CLI and the app may share a data directory.
    this.tmpDir = path.join(this.tmpRoot, `p${process.pid}`);
  }

  async ensureDirs(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  /**
   * Remove temp folders of processes that are gone: leftovers of a crashed write are never
   * referenced, because a row is only committed after its object's rename.
   */
  async init(): Promise<void> {
    await mkdir(this.tmpRoot, { recursive: true });
    for (const name of await readdir(this.tmpRoot)) {
      const pid = /^p(\d+)$/.exec(name)?.[1];
      if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
      await rm(path.join(this.tmpRoot, name), { recursive: true, force: true });
    }
    await this.ensureDirs();
  }

  pathOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.objectsDir, sha256.slice(0, 2), sha256);
  }

  /** Remove this process's temp folder (on orderly shutdown). */
  async dispose(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true });
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  /** Store bytes; returns their SHA-256. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (await this.has(sha256)) return sha256;
    const tmp = path.join(this.tmpDir, `${sha256}.${randomBytes(6).toString('hex')}.part`);
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await this.commit(tmp, sha256);
    return sha256;
  }

  /**
   * Copy a file into the temp folder, hashing on the way. The copy is what gets decoded and,
   * if it is accepted, committed: the stored original is exactly the bytes that were checked.
   */
  async stage(source: string): Promise<Staged> {
    const tmp = path.join(this.tmpDir, `in.${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let fh: FileHandle | undefined;
    try {
      fh = await open(tmp, 'wx');
      for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
        await fh.write(chunk);
      }
      await fh.sync();
      await fh.close();
    } catch (err) {
      await fh?.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw err;
    }
    return { tmpPath: tmp, sha256: hash.digest('hex'), size };
  }

  async commitStaged(staged: Staged): Promise<void> {
    if (await this.has(staged.sha256)) await rm(staged.tmpPath, { force: true });
    else await this.commit(staged.tmpPath, staged.sha256);
  }

  async discard(staged: Staged): Promise<void> {
    await rm(staged.tmpPath, { force: true });
  }

  private async commit(tmp: string, sha256: string): Promise<void> {
    const dest = this.pathOf(sha256);
    const dir = path.dirname(dest);
    // A new shard folder's own entry must survive power loss too, not only the object in it.
    await makeDirDurably(dir);
    await rename(tmp, dest);
    await syncDirectory(dir);
  }

  /** Hash an object's bytes as they are on disk now. */
  async hashOf(sha256: string): Promise<string> {
    return hashFile(this.pathOf(sha256));
  }

  async *list(): AsyncIterable<string> {
    let shards: string[];
    try {
      shards = await readdir(this.objectsDir);
    } catch {
      return;
    }
    for (const shard of shards.sort()) {
      for (const name of (await readdir(path.join(this.objectsDir, shard))).sort()) {
        if (HEX64.test(name)) yield name;
      }
    }
  }
}

export interface Staged {
  readonly tmpPath: string;
  readonly sha256: string;
  readonly size: number;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}
