import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { deriveKey, type DataKey } from '../store/keys/store-key-record';
import { chunkSeal, SUITE_BYTE, suiteOfByte, TAG, type ChunkSeal } from './chunk-seal';
import { DEFAULT_SUITE, type CryptoSuite } from './crypto-suite';

/**
 * The at-rest form of a stored object (an original, a page image, a thumbnail, a bag file).
 *
 * Why this shape:
 * - An authenticated encryption per chunk (chunk-seal.ts: AES-256-GCM, or SM4-CTR with an
 *   HMAC-SM3 tag on a 国密 station), as SQLCipher's pages have their HMAC: a changed byte is
 *   refused, never decoded. The header's last byte names the suite, so one reader reads both.
 * - Streaming in 64 KiB chunks, each sealed on its own (the STREAM construction): a 500 MB PDF
 *   is encrypted and read back chunk by chunk, and no plaintext is handed out before its chunk's
 *   tag has been checked. One tag over a whole object could only be checked at its end.
 * - Per object a random 32-byte salt in the header and a subkey HKDF(objects key, salt): the chunk
 *   nonces are then a plain counter, never reused under one key, however many objects the store
 *   holds (random 96-bit nonces under one key would be bounded by the birthday limit).
 * - The chunk's nonce or tag covers its index and a last-chunk flag; its associated data carries
 *   the header and the object's name. So chunks cannot be reordered, dropped, cut off at a chunk
 *   boundary, extended, or moved to another object's file without the read failing.
 * - Names are keyed: HMAC(names key, SHA-256 of the plaintext), HMAC-SHA-256 or HMAC-SM3 by the
 *   store's suite. The same content gets the same name, so dedupe still works; but a name on disk
 *   no longer confirms that the store holds a document someone already has (its plain SHA-256
 *   would). The database keeps the plaintext SHA-256 and SM3 (itself encrypted), which fixity
 *   checks, bag manifests and the centre need.
 */
export interface ObjectKeys {
  /** What new objects are sealed with and names made by; objects of either suite are read. */
  readonly suite: CryptoSuite;
  readonly content: Buffer;
  readonly names: Buffer;
}

/** The objects' keys of a store whose data key is `dataKey`; a 国密 store derives them with HKDF-SM3. */
export function objectKeys(dataKey: DataKey, suite: CryptoSuite = DEFAULT_SUITE): ObjectKeys {
  if (suite === 'standard') return { suite, content: deriveKey(dataKey, 'objects'), names: deriveKey(dataKey, 'object-names') };
  const derive = (purpose: string) => Buffer.from(hkdfSync('sm3', dataKey.key, Buffer.from(dataKey.storeId), `hpf-desk/sm/${purpose}`, 32));
  return { suite, content: derive('objects'), names: derive('object-names') };
}

/** The file name of the object whose plaintext hashes to `sha256` (64 hex digits). */
export function objectName(keys: ObjectKeys, sha256: string): string {
  return createHmac(keys.suite === 'sm' ? 'sm3' : 'sha256', keys.names).update(Buffer.from(sha256, 'hex')).digest('hex');
}

/** A stored object that does not decrypt: damaged, cut short, or not this store's. */
export class ObjectDamaged extends Error {
  override name = 'ObjectDamaged';
  constructor(readonly object: string, why: string) {
    super(`对象 ${object} 已损坏或不属于此数据存储 / object ${object} is damaged or not of this store: ${why}`);
  }
}

/** 'HPFOBJ', a zero, then the suite's byte (0x01 AES-256-GCM, 0x02 SM4-CTR + HMAC-SM3). */
const MAGIC = Buffer.from('HPFOBJ\x00', 'latin1');
const SALT = 32;
const HEADER = MAGIC.length + 1 + SALT;
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

const aad = (header: Buffer, name: string) => Buffer.concat([header, Buffer.from(name, 'latin1')]);

/** Whether stored bytes begin as an encrypted object does (a plaintext object of an earlier version does not). */
export function isEncryptedObject(head: Uint8Array): boolean {
  return head.length > MAGIC.length && MAGIC.equals(head.subarray(0, MAGIC.length)) && suiteOfByte(head[MAGIC.length]) !== null;
}

/** The seal the object's header says it was written with. */
function headerSeal(keys: ObjectKeys, name: string, header: Buffer): ChunkSeal {
  const suite = isEncryptedObject(header) ? suiteOfByte(header[MAGIC.length]) : null;
  if (!suite) throw new ObjectDamaged(name, 'not an encrypted object');
  return chunkSeal(suite, keys.content, header.subarray(MAGIC.length + 1), aad(header, name));
}

function openChunk(name: string, seal: ChunkSeal, index: number, last: boolean, piece: Buffer): Buffer {
  if (piece.length < TAG) throw new ObjectDamaged(name, 'cut short');
  const plain = seal.open(index, last, piece);
  if (!plain) throw new ObjectDamaged(name, `chunk ${index} does not authenticate`);
  return plain;
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
  const header = Buffer.concat([MAGIC, Buffer.of(SUITE_BYTE[keys.suite]), randomBytes(SALT)]);
  const seal = headerSeal(keys, name, header);
  yield header;
  let index = 0;
  for await (const { chunk, last } of fixedChunks(plain, CHUNK)) yield seal.seal(index++, last, chunk);
}

/**
 * The plaintext of the object stored under `name`, chunk by chunk, each only after its tag was
 * checked. Throws ObjectDamaged at the first chunk that does not open, when the last chunk is
 * missing, or when anything follows it.
 */
export async function* decryptObject(keys: ObjectKeys, name: string, stored: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const sealed = CHUNK + TAG;
  let seal: ChunkSeal | null = null;
  let pending = Buffer.alloc(0);
  let index = 0;
  const open = (piece: Buffer, last: boolean): Buffer => openChunk(name, seal!, index++, last, piece);
  for await (const piece of stored) {
    pending = pending.length === 0 ? Buffer.from(piece) : Buffer.concat([pending, piece]);
    if (!seal) {
      if (pending.length < HEADER) continue;
      seal = headerSeal(keys, name, pending.subarray(0, HEADER));
      pending = pending.subarray(HEADER);
    }
    // A full sealed chunk with more behind it cannot be the last one.
    while (pending.length > sealed) {
      yield open(pending.subarray(0, sealed), false);
      pending = pending.subarray(sealed);
    }
  }
  if (!seal) throw new ObjectDamaged(name, 'cut short');
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
  const seal = headerSeal(keys, name, header);
  const sealed = CHUNK + TAG;
  const chunks = Math.max(1, Math.ceil((stored - HEADER) / sealed));
  const out: Buffer[] = [];
  const first = Math.floor(start / CHUNK);
  const end = start + length;
  for (let index = first; index * CHUNK < end || (length === 0 && index === first); index++) {
    const position = HEADER + index * sealed;
    const plain = openChunk(name, seal, index, index === chunks - 1, await read(position, Math.min(sealed, stored - position)));
    const from = Math.max(0, start - index * CHUNK);
    out.push(plain.subarray(from, Math.min(plain.length, end - index * CHUNK)));
    if (length === 0) break;
  }
  return Buffer.concat(out);
}
