import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from '../files/blob-store';
import { digestFile } from '../files/digest-file';
import { syncDirectory, writeDurably } from '../files/durable-copy';
import { nullIfMissing } from '../files/missing-file';
import { isInside } from '../util/safe-path';
import type { BagPlan } from './bag-layout';

export class BagDirError extends Error {
  override name = 'BagDirError';
}

/**
 * A new folder written whole or not at all: files go into `<dir>.partial`, and `commit` renames
 * it to `dir`. `dir` must not exist (or be empty): an export never mixes with other files. A
 * leftover `.partial` of a killed export is replaced.
 */
export async function freshFolder(dir: string): Promise<{ readonly out: string; readonly partial: string; commit(): Promise<void> }> {
  const out = path.resolve(dir);
  const existing = await nullIfMissing(readdir(out));
  if (existing !== null && existing.length > 0) throw new BagDirError(`目标文件夹不是空的 / folder is not empty: ${out}`);
  const partial = `${out}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  return {
    out,
    partial,
    async commit() {
      if (existing !== null) await rm(out, { recursive: true });
      await rename(partial, out);
      await syncDirectory(path.dirname(out));
    },
  };
}

/**
 * Write a bag to a new folder `dir`: every file durably into `<dir>.partial`, each read back
 * against the plan's SHA-256, SHA-512 and SM3, then the folder renamed to `dir` (see freshFolder).
 */
export async function writeBagDirectory(blobs: BlobStore, plan: BagPlan, dir: string): Promise<{ files: number; bytes: number }> {
  const { partial, commit } = await freshFolder(dir);
  for (const file of plan.files) {
    const dest = path.join(partial, ...file.path.split('/'));
    if (!isInside(partial, dest)) throw new BagDirError(`path escapes the bag: ${file.path}`);
    await mkdir(path.dirname(dest), { recursive: true });
    await writeDurably(blobs.stream(file.sha256), dest);
    const written = await digestFile(dest);
    const sm3Differs = file.sm3 !== null && written.sm3 !== file.sm3;
    if (written.sha256 !== file.sha256 || written.sha512 !== file.sha512 || sm3Differs || written.size !== file.size) {
      throw new BagDirError(`写入后校验失败 / read-back differs after writing: ${file.path}`);
    }
  }
  await commit();
  return { files: plan.files.length, bytes: plan.files.reduce((n, f) => n + f.size, 0) };
}
