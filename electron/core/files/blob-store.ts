import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { MAX_PIECE } from '../host/blob-piece';
import type { CryptoSuite } from './crypto-suite';
import { makeDirDurably, syncDirectory } from './durable-copy';
import { decryptObject, decryptRange, encryptObject, ObjectDamaged, objectName, plaintextSize, type ObjectKeys } from './object-cipher';

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed file store under `<data>/objects/ab/abcdef…`: the one writer and the one
 * reader of stored objects (originals, page images, thumbnails, bag files, reference data).
 *
 * With the store's object keys (every store the core opens) objects are encrypted at rest by
 * object-cipher.ts and named by a keyed hash of their plaintext SHA-256, so:
 * - dedupe still works: the same content gets the same name, and `has` answers without reading;
 * - a file name on disk does not confirm that the store holds a document someone already has
 *   (its plain SHA-256 would); the plaintext SHA-256 and SM3 stay in the (encrypted) database,
 *   where fixity checks, bag manifests and the centre need them;
 * - the name is the associated data of every chunk, so one object's file cannot stand in for
 *   another's.
 * Callers keep addressing objects by plaintext SHA-256; only this class knows the name on disk.
 * Without keys (a plaintext store of an earlier version, before encrypt-objects-in-place has run)
 * objects are plain files named by their SHA-256.
 *
 * Bytes are written to `<data>/tmp`, fsynced, then renamed into place, so an object either exists
 * whole or not at all. Objects are never modified; writing the same content twice is a no-op.
 */
export class BlobStore {
  readonly objectsDir: string;
  readonly tmpDir: string;

  private readonly tmpRoot: string;

  constructor(
    readonly dataDir: string,
    readonly keys: ObjectKeys | null,
  ) {
    this.objectsDir = path.join(dataDir, 'objects');
    this.tmpRoot = path.join(dataDir, 'tmp');
    // One temp folder per process: the CLI and the app may share a data directory.
    this.tmpDir = path.join(this.tmpRoot, `p${process.pid}`);
  }

  /** What another process (a media worker) needs to open this store: sent over its private pipe. */
  ref(): BlobStoreRef {
    const keys = this.keys;
    return { dataDir: this.dataDir, keys: keys ? { suite: keys.suite, content: keys.content.toString('hex'), names: keys.names.toString('hex') } : null };
  }

  static fromRef(ref: BlobStoreRef): BlobStore {
    const keys = ref.keys;
    return new BlobStore(ref.dataDir, keys ? { suite: keys.suite, content: Buffer.from(keys.content, 'hex'), names: Buffer.from(keys.names, 'hex') } : null);
  }

  async ensureDirs(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true, mode: 0o700 });
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
  }

  /**
   * Remove temp folders of processes that are gone: leftovers of a crashed write are never
   * referenced, because a row is only committed after its object's rename.
   */
  async init(): Promise<void> {
    await mkdir(this.tmpRoot, { recursive: true, mode: 0o700 });
    for (const name of await readdir(this.tmpRoot)) {
      const pid = /^p(\d+)$/.exec(name)?.[1];
      if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
      await rm(path.join(this.tmpRoot, name), { recursive: true, force: true });
    }
    await this.ensureDirs();
  }

  /** The name on disk of the object whose plaintext hashes to `sha256`. */
  nameOf(sha256: string): string {
    if (!HEX64.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return this.keys ? objectName(this.keys, sha256) : sha256;
  }

  /** Where the object's stored (at-rest) bytes are: for existence and removal, never for reading its content. */
  pathOf(sha256: string): string {
    return this.pathOfName(this.nameOf(sha256));
  }

  private pathOfName(name: string): string {
    return path.join(this.objectsDir, name.slice(0, 2), name);
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

  /** Store bytes; returns their digests, recorded beside the object's row at capture. */
  async put(bytes: Uint8Array): Promise<StoredObject> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = { sha256, sm3: createHash('sm3').update(bytes).digest('hex'), size: bytes.length };
    if (!(await this.has(sha256))) await this.write(sha256, [bytes]);
    return stored;
  }

  /**
   * Copy a file into the temp folder, hashing on the way. The copy is what gets decoded and,
   * if it is accepted, committed: the stored original is exactly the bytes that were checked.
   * The copy is plaintext (the decoders read it by path) for as long as the import of this one
   * file lasts: commitStaged or discard removes it, and a crashed process's folder goes at the
   * next start (init).
   */
  async stage(source: string): Promise<Staged> {
    const tmp = path.join(this.tmpDir, `in.${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    const sm3 = createHash('sm3');
    let size = 0;
    let fh: FileHandle | undefined;
    try {
      fh = await open(tmp, 'wx', 0o600);
      for await (const chunk of createReadStream(source) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        sm3.update(chunk);
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
    return { tmpPath: tmp, sha256: hash.digest('hex'), sm3: sm3.digest('hex'), size };
  }

  async commitStaged(staged: Staged): Promise<void> {
    try {
      if (!(await this.has(staged.sha256))) {
        if (this.keys) await this.write(staged.sha256, createReadStream(staged.tmpPath));
        else return await this.commit(staged.tmpPath, this.pathOf(staged.sha256));
      }
    } finally {
      await rm(staged.tmpPath, { force: true });
    }
  }

  async discard(staged: Staged): Promise<void> {
    await rm(staged.tmpPath, { force: true });
  }

  /**
   * Write the object whose plaintext (hashing to `sha256`) is `plain`, encrypted when the store
   * has keys: temp file, fsync, rename. Also how encrypt-objects-in-place seals an old object.
   */
  async write(sha256: string, plain: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
    const name = this.nameOf(sha256);
    const tmp = path.join(this.tmpDir, `${name}.${randomBytes(6).toString('hex')}.part`);
    // A store opened by another process's tools (a test, the administrator's) may not have this process's folder yet.
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    const fh = await open(tmp, 'wx', 0o600);
    try {
      const source = toAsync(plain);
      for await (const piece of this.keys ? encryptObject(this.keys, name, source) : source) await fh.write(piece);
      await fh.sync();
    } catch (err) {
      await fh.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw err;
    }
    await fh.close();
    await this.commit(tmp, this.pathOfName(name));
  }

  private async commit(tmp: string, dest: string): Promise<void> {
    const dir = path.dirname(dest);
    // A new shard folder's own entry must survive power loss too, not only the object in it.
    await makeDirDurably(dir);
    await rename(tmp, dest);
    await syncDirectory(dir);
  }

  /**
   * The plaintext of an object, chunk by chunk, each checked before it is handed out (throws
   * ObjectDamaged at the first that is not). Never the whole object in memory.
   */
  async *chunks(sha256: string): AsyncGenerator<Buffer> {
    yield* this.chunksOfName(this.nameOf(sha256));
  }

  private chunksOfName(name: string): AsyncIterable<Buffer> {
    const stored = createReadStream(this.pathOfName(name)) as AsyncIterable<Buffer>;
    return this.keys ? decryptObject(this.keys, name, stored) : stored;
  }

  /** The plaintext of an object as a stream (for pipes: HTTP answers, uploads, bag files). */
  stream(sha256: string): Readable {
    return Readable.from(this.chunks(sha256), { objectMode: false });
  }

  /** The whole plaintext of an object, for the small ones decoders take whole (images, seals, reference files). */
  async read(sha256: string): Promise<Buffer> {
    const out: Buffer[] = [];
    for await (const chunk of this.chunks(sha256)) out.push(chunk);
    return Buffer.concat(out);
  }

  /** The plaintext size of a stored object (rejects when it is missing). */
  async size(sha256: string): Promise<number> {
    const stored = (await stat(this.pathOf(sha256))).size;
    return this.keys ? plaintextSize(stored) : stored;
  }

  /** `length` plaintext bytes from `start`, reading only the chunks that hold them. */
  async range(sha256: string, start: number, length: number): Promise<Buffer> {
    const name = this.nameOf(sha256);
    const fh = await open(this.pathOfName(name), 'r');
    try {
      const read = readerOf(fh);
      if (this.keys) return await decryptRange(this.keys, name, (await fh.stat()).size, read, start, length);
      return await read(start, length);
    } finally {
      await fh.close();
    }
  }

  /** An object's SHA-256 and SM3 as its bytes decrypt now, in one read (tags checked on the way). */
  async fixityOf(sha256: string): Promise<Fixity> {
    return this.fixityOfName(this.nameOf(sha256));
  }

  /**
   * The fixity of the object stored under `name` (as `list` yields it), and whether the name is
   * the one its content should have: how verify checks objects no row points to.
   */
  async checkStored(name: string): Promise<Fixity & { readonly named: boolean }> {
    const fixity = await this.fixityOfName(name);
    return { ...fixity, named: this.nameOf(fixity.sha256) === name };
  }

  private async fixityOfName(name: string): Promise<Fixity> {
    const hash = createHash('sha256');
    const sm3 = createHash('sm3');
    for await (const chunk of this.chunksOfName(name)) {
      hash.update(chunk);
      sm3.update(chunk);
    }
    return { sha256: hash.digest('hex'), sm3: sm3.digest('hex') };
  }

  /**
   * Whether the stored file named `name` is sealed under this store's keys: its first chunk
   * authenticates under that name. Only a 64 KiB read, however large the object; how a key
   * rotation tells the objects it has re-encrypted from those it has not.
   */
  async opens(name: string): Promise<boolean> {
    if (!this.keys) throw new Error('opens needs the store\'s object keys');
    const keys = this.keys;
    const fh = await open(this.storedPath(name), 'r');
    try {
      const read = readerOf(fh);
      await decryptRange(keys, name, (await fh.stat()).size, read, 0, 0);
      return true;
    } catch (err) {
      if (err instanceof ObjectDamaged) return false;
      throw err;
    } finally {
      await fh.close();
    }
  }

  /** The names of the stored files, as they are on disk (keyed names in an encrypted store). */
  async *list(): AsyncIterable<string> {
    let shards: string[];
    try {
      shards = await readdir(this.objectsDir);
    } catch {
      return;
    }
    for (const shard of shards.sort()) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of (await readdir(path.join(this.objectsDir, shard))).sort()) {
        if (HEX64.test(name)) yield name;
      }
    }
  }

  /** Where the stored file named `name` (from `list`) lies: for copying it as it is. */
  storedPath(name: string): string {
    if (!HEX64.test(name)) throw new Error(`not an object name: ${name}`);
    return this.pathOfName(name);
  }
}

/** A stored object opened to be served: its size, its first bytes (to tell its type), its plaintext. */
export interface ObjectContent {
  readonly size: number;
  readonly head: Buffer;
  readonly stream: Readable;
}

/** Open `sha256` to serve it, or null when it is not a SHA-256 or not in the store. */
export async function readObject(blobs: BlobStore, sha256: string): Promise<ObjectContent | null> {
  if (!HEX64.test(sha256) || !(await blobs.has(sha256))) return null;
  const size = await blobs.size(sha256);
  return { size, head: await blobs.range(sha256, 0, Math.min(size, 1024)), stream: blobs.stream(sha256) };
}

/** Reads `count` bytes at `position` of an open file (fewer at its end). */
function readerOf(fh: FileHandle): (position: number, count: number) => Promise<Buffer> {
  return async (position, count) => {
    const buf = Buffer.alloc(count);
    const { bytesRead } = await fh.read(buf, 0, count, position);
    return buf.subarray(0, bytesRead);
  };
}

/** A piece of a stored object's plaintext, with the object's whole size (for Content-Length and ranges). */
export interface ObjectPiece {
  readonly size: number;
  readonly bytes: Buffer;
}

/**
 * Up to `length` plaintext bytes of `sha256` from `start` (fewer at its end, at most MAX_PIECE),
 * or null when it is not a SHA-256, not in the store, or does not decrypt. Only the chunks that
 * hold them are read: how a large PDF is served piece by piece, never whole.
 */
export async function readPiece(blobs: BlobStore, sha256: string, start: number, length: number): Promise<ObjectPiece | null> {
  if (!HEX64.test(sha256) || !(await blobs.has(sha256))) return null;
  try {
    const size = await blobs.size(sha256);
    const from = Math.min(Math.max(0, start), size);
    return { size, bytes: await blobs.range(sha256, from, Math.min(Math.max(0, length), MAX_PIECE, size - from)) };
  } catch (err) {
    if (err instanceof ObjectDamaged) return null;
    throw err;
  }
}

async function* toAsync(plain: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const piece of plain) yield piece;
}

/** How a worker process opens the same store: its folder and its object keys (hex), or null keys for a plaintext store. */
export interface BlobStoreRef {
  readonly dataDir: string;
  readonly keys: { readonly suite: CryptoSuite; readonly content: string; readonly names: string } | null;
}

/** The two digests an object is checked by: SHA-256 names it, SM3 (GB/T 32905) is the national one. */
export interface Fixity {
  readonly sha256: string;
  readonly sm3: string;
}

export interface StoredObject extends Fixity {
  readonly size: number;
}

export interface Staged extends StoredObject {
  readonly tmpPath: string;
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
