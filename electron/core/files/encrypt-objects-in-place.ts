import { createReadStream, existsSync } from 'node:fs';
import { open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './blob-store';
import { syncDirectory } from './durable-copy';
import { isEncryptedObject } from './object-cipher';
import { writePrivateFile } from './private-file';

/** Written when every object of the folder is encrypted; a store without it is (still) being converted. */
export const OBJECTS_ENCRYPTED_MARKER = '.encrypted';

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Encrypt the plaintext objects a store of an earlier version holds (files named by their SHA-256),
 * the objects' half of what encrypt-in-place.ts does for the database; openCoreContext runs it
 * after the database is open, so it always runs under the store's key record.
 *
 * Resumable without a journal: each object is first written encrypted under its keyed name
 * (temp file, fsync, rename), only then is its plaintext file removed. A kill leaves at worst both
 * copies; the next open finds the plaintext one again (it lacks the encrypted header) and does it
 * over. The marker, written last, spares later opens the scan. A plaintext object that no longer
 * hashes to its name is encrypted under that name all the same, so `verify` reports it after as
 * before.
 */
export async function encryptObjectsInPlace(blobs: BlobStore, onProgress: (done: number, total: number) => void = () => undefined): Promise<number> {
  if (!blobs.keys) throw new Error('encryptObjectsInPlace needs the store\'s object keys');
  const marker = path.join(blobs.objectsDir, OBJECTS_ENCRYPTED_MARKER);
  if (existsSync(marker)) return 0;
  const plain = await plaintextObjects(blobs.objectsDir);
  let done = 0;
  for (const file of plain) {
    await blobs.write(path.basename(file), createReadStream(file) as AsyncIterable<Buffer>);
    await rm(file);
    await syncDirectory(path.dirname(file));
    onProgress(++done, plain.length);
  }
  await writePrivateFile(marker, `${new Date().toISOString()} ${plain.length}\n`);
  return plain.length;
}

/** The files under `objects/ab/` that are not encrypted objects: the earlier version's plaintext ones. */
async function plaintextObjects(objectsDir: string): Promise<string[]> {
  const found: string[] = [];
  let shards: string[];
  try {
    shards = await readdir(objectsDir);
  } catch {
    return found;
  }
  for (const shard of shards.sort()) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    for (const name of (await readdir(path.join(objectsDir, shard))).sort()) {
      const file = path.join(objectsDir, shard, name);
      if (HEX64.test(name) && !(await startsEncrypted(file))) found.push(file);
    }
  }
  return found;
}

async function startsEncrypted(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    return isEncryptedObject(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}
