import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { deriveKey, type DataKey } from '../store/keys/store-key-record';

/**
 * The at-rest form of a stored object (an original, a page image, a thumbnail, a bag file).
 *
 * Why this shape:
 * - AES-256-GCM, as SQLCipher's pages have their HMAC: a changed byte is refused, never decoded.
 * - Streaming in 64 KiB chunks, each its own GCM message (the STREAM construction): a 500 MB PDF
 *   is encrypted and read back chunk by chunk, and no plaintext is handed out before its chunk's
 *   tag has been checked. GCM over a whole object could only be checked at its end.
 * - Per object a random 32-byte salt in the header and a subkey HKDF(objects key, salt): the chunk
 *   nonces are then a plain counter, never reused under one key, however many objects the store
 *   holds (random 96-bit nonces under one key would be bounded by the birthday limit).
 * - The chunk's nonce carries its index and a last-chunk flag; its associated data carries the
 *   header and the object's name. So chunks cannot be reordered, dropped, cut off at a chunk
 *   boundary, extended, or moved to another object's file without the read failing.
 * - Names are keyed: HMAC-SHA-256(names key, SHA-256 of the plaintext). The same content gets the
 *   same name, so dedupe still works; but a name on disk no longer confirms that the store holds
 *   a document someone already has (its plain SHA-256 would). The database keeps the plaintext
 *   SHA-256 (itself encrypted), which bag manifests and the centre's checks need.
 */
export interface ObjectKeys {
  readonly content: Buffer;
  readonly names: Buffer;
}

export function objectKeys(dataKey: DataKey): ObjectKeys {
  return { content: deriveKey(dataKey, 'objects'), names: deriveKey(dataKey, 'object-names') };
}

/** The file name of the object whose plaintext hashes to `sha256` (64 hex digits). */
export function objectName(keys: ObjectKeys, sha256: string): string {
  return createHmac('sha256', keys.names).update(Buffer.from(sha256, 'hex')).digest('hex');
}

/** A stored object that does not decrypt: damaged, cut short, or not this store's. */
export class ObjectDamaged extends Error {
  override name = 'ObjectDamaged';
  constructor(readonly object: string, why: string) {
    super(`对象 ${object} 已损坏或不属于此数据存储 / object ${object} is damaged or not of this store: ${why}`);
  }
}

const MAGIC = Buffer.from('HPFOBJ\x00\x01', 'latin1');
const SALT = 32;
const HEADER = MAGIC.length + SALT;
const TAG = 16;
/** Plaintext bytes per chunk. */
export const CHUNK = 64 * 1024;

/** The plaintext size of an object stored in `stored` bytes (its inverse: encryptedSize). */
export function plaintextSize(stored: number): number {
  const body = stored - HEADER;
  const chunks = Math.max(1, Math.ceil(body / (CHUNK + TAG)));
  return Math.max(0, body - chunks * TAG);
}

/** The encrypted size of `size` plaintext bytes. */
export function encryptedSize(size: number): number {
  const chunks = Math.max(1, Math.ceil(size / CHUNK));
  return HEADER + size + chunks * TAG;
}

function subkey(keys: ObjectKeys, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', keys.content, salt, 'hpf-desk/object/v1', 32));
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 0, 6);
  n[11] = last ? 1 : 0;
  return n;
}

const aad = (header: Buffer, name: string) => Buffer.concat([header, Buffer.from(name, 'latin1')]);

/** Whether stored bytes begin as an encrypted object does (a plaintext object of an earlier version does not). */
export function isEncryptedObject(head: Uint8Array): boolean {
  return head.length >= MAGIC.length && MAGIC.equals(head.subarray(0, MAGIC.length));
}

function headerKey(keys: ObjectKeys, name: string, header: Buffer): Buffer {
  if (!isEncryptedObject(header)) throw new ObjectDamaged(name, 'not an encrypted object');
  return subkey(keys, header.subarray(MAGIC.length));
}

function openChunk(name: string, key: Buffer, ad: Buffer, index: number, last: boolean, piece: Buffer): Buffer {
  if (piece.length < TAG) throw new ObjectDamaged(name, 'cut short');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce(index, last)).setAAD(ad);
  decipher.setAuthTag(piece.subarray(piece.length - TAG));
  try {
    return Buffer.concat([decipher.update(piece.subarray(0, piece.length - TAG)), decipher.final()]);
  } catch {
    throw new ObjectDamaged(name, `chunk ${index} does not authenticate`);
  }
}

/**
 * Chunks of `plain` into fixed-size pieces, holding back one so the last can be told apart: the
 * writer must know which chunk is the final one before it seals it.
 */
async function* fixedChunks(plain: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<{ chunk: Buffer; last: boolean }> {
  let pending = Buffer.alloc(0);
  let held: Buffer | null = null;
  for await (const piece of plain) {
    pending = pending.length === 0 ? Buffer.from(piece) : Buffer.concat([pending, piece]);
    while (pending.length >= size) {
      if (held) yield { chunk: held, last: false };
      held = pending.subarray(0, size);
      pending = pending.subarray(size);
    }
  }
  if (pending.length > 0) {
    if (held) yield { chunk: held, last: false };
    yield { chunk: pending, last: true };
  } else {
    yield { chunk: held ?? Buffer.alloc(0), last: true };
  }
}

/** The at-rest bytes of `plain`, stored under `name`. */
export async function* encryptObject(keys: ObjectKeys, name: string, plain: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const header = Buffer.concat([MAGIC, randomBytes(SALT)]);
  const key = subkey(keys, header.subarray(MAGIC.length));
  const ad = aad(header, name);
  yield header;
  let index = 0;
  for await (const { chunk, last } of fixedChunks(plain, CHUNK)) {
    const cipher = createCipheriv('aes-256-gcm', key, nonce(index++, last)).setAAD(ad);
    yield Buffer.concat([cipher.update(chunk), cipher.final(), cipher.getAuthTag()]);
  }
}

/**
 * The plaintext of the object stored under `name`, chunk by chunk, each only after its tag was
 * checked. Throws ObjectDamaged at the first chunk that does not open, when the last chunk is
 * missing, or when anything follows it.
 */
export async function* decryptObject(keys: ObjectKeys, name: string, stored: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const sealed = CHUNK + TAG;
  let header: Buffer | null = null;
  let key: Buffer | null = null;
  let ad: Buffer | null = null;
  let pending = Buffer.alloc(0);
  let index = 0;
  const open = (piece: Buffer, last: boolean): Buffer => openChunk(name, key!, ad!, index++, last, piece);
  for await (const piece of stored) {
    pending = pending.length === 0 ? Buffer.from(piece) : Buffer.concat([pending, piece]);
    if (!header) {
      if (pending.length < HEADER) continue;
      header = pending.subarray(0, HEADER);
      key = headerKey(keys, name, header);
      ad = aad(header, name);
      pending = pending.subarray(HEADER);
    }
    // A full sealed chunk with more behind it cannot be the last one.
    while (pending.length > sealed) {
      yield open(pending.subarray(0, sealed), false);
      pending = pending.subarray(sealed);
    }
  }
  if (!header) throw new ObjectDamaged(name, 'cut short');
  // Bytes appended after the real last chunk make it open as a middle one: its tag then fails.
  yield open(pending, true);
}


/**
 * `length` plaintext bytes from `start` of an object stored in `stored` bytes, read through
 * `read(position, length)`: only the chunks that cover the range are read and checked, so a part
 * of a multipart upload costs its own size, not the object's.
 */
export async function decryptRange(
  keys: ObjectKeys,
  name: string,
  stored: number,
  read: (position: number, length: number) => Promise<Buffer>,
  start: number,
  length: number,
): Promise<Buffer> {
  const size = plaintextSize(stored);
  if (start < 0 || length < 0 || start + length > size) throw new RangeError(`bytes ${start}+${length} are outside object ${name} of ${size}`);
  const header = await read(0, HEADER);
  if (header.length < HEADER) throw new ObjectDamaged(name, 'cut short');
  const key = headerKey(keys, name, header);
  const ad = aad(header, name);
  const sealed = CHUNK + TAG;
  const chunks = Math.max(1, Math.ceil((stored - HEADER) / sealed));
  const out: Buffer[] = [];
  const first = Math.floor(start / CHUNK);
  const end = start + length;
  for (let index = first; index * CHUNK < end || (length === 0 && index === first); index++) {
    const position = HEADER + index * sealed;
    const plain = openChunk(name, key, ad, index, index === chunks - 1, await read(position, Math.min(sealed, stored - position)));
    const from = Math.max(0, start - index * CHUNK);
    out.push(plain.subarray(from, Math.min(plain.length, end - index * CHUNK)));
    if (length === 0) break;
  }
  return Buffer.concat(out);
}
