import { rm } from 'node:fs/promises';
import path from 'node:path';
import { BlobStore } from './blob-store';
import { syncDirectory } from './durable-copy';
import { ObjectDamaged, type ObjectKeys } from './object-cipher';

export interface ReencryptReport {
  /** Objects sealed under the new keys by this run. */
  readonly reencrypted: number;
  /** Stored files that open under neither key or not under their own name: left as they were, for verify to report. */
  readonly leftDamaged: number;
}

/**
 * The objects' half of a data-key rotation (the database's is a SQLCipher rekey): every object
 * sealed under `from` is written again under `to`, and under its new keyed name, since the names
 * are keyed too.
 *
 * Resumable without a journal, like encrypt-objects-in-place: each object is first written whole
 * under the new keys (temp file, fsync, rename), only then is the old file removed. A kill
 * leaves at worst both; the next run finds the old one again (its first chunk still opens under
 * `from`) and does it over. Objects already under `to` fail that test and are passed by after a
 * 64 KiB read. One object at a time: a 500 MB PDF is streamed chunk by chunk, twice (its
 * plaintext hash names it before it can be sealed under that name).
 */
export async function reencryptObjects(
  dataDir: string,
  from: ObjectKeys,
  to: ObjectKeys,
  onProgress: (done: number) => void = () => undefined,
): Promise<ReencryptReport> {
  const old = new BlobStore(dataDir, from);
  const next = new BlobStore(dataDir, to);
  await next.ensureDirs();
  let reencrypted = 0;
  let leftDamaged = 0;
  // `list` reads one shard at a time, so objects written into a later shard are met again: `opens` passes them by.
  for await (const name of old.list()) {
    if (!(await old.opens(name))) continue;
    const stored = await fixityUnder(old, name);
    if (!stored) {
      leftDamaged++;
      continue;
    }
    await next.write(stored, old.chunks(stored));
    const file = old.storedPath(name);
    await rm(file);
    await syncDirectory(path.dirname(file));
    onProgress(++reencrypted);
  }
  return { reencrypted, leftDamaged };
}

/** The plaintext SHA-256 of the object stored as `name`, or null when it is damaged or misnamed. */
async function fixityUnder(blobs: BlobStore, name: string): Promise<string | null> {
  try {
    const checked = await blobs.checkStored(name);
    return checked.named ? checked.sha256 : null;
  } catch (err) {
    if (err instanceof ObjectDamaged) return null;
    throw err;
  }
}
