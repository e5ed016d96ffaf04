import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

/** fsync a directory so a rename in it survives power loss (a no-op where unsupported). */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Write a stream to `dest` so that `dest` is either absent, its old self, or the whole new
 * content: a temp name beside it, fsync, rename, fsync of the folder. The folder must exist.
 */
export async function writeDurably(source: Readable, dest: string, signal?: AbortSignal): Promise<void> {
  const tmp = `${dest}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx');
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      await fh.write(chunk);
    }
    await fh.sync();
  } catch (err) {
    source.destroy();
    await fh.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, dest);
  await syncDirectory(path.dirname(dest));
}

/**
 * mkdir -p, then fsync the parent of every directory it created, so a new folder (and what is
 * renamed into it) survives power loss, not only a process crash.
 */
export async function makeDirDurably(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (first === undefined) return;
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    await syncDirectory(path.dirname(d));
    if (d === path.resolve(first)) break;
  }
}

/** Copy a file so that `dest` is either absent or whole (temp name, fsync, rename, folder fsync). */
export async function copyDurably(source: string, dest: string): Promise<void> {
  await writeDurably(createReadStream(source), dest);
}
