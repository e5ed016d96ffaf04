import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK, decryptObject, decryptRange, encryptObject, encryptedSize, objectKeys, objectName, ObjectDamaged, plaintextSize } from '../../electron/core/files/object-cipher';

const keys = objectKeys({ storeId: randomUUID(), key: randomBytes(32) });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** `bytes` as a stream cut at the given points (how a file read or a socket hands them over). */
async function* pieces(bytes: Buffer, cuts: readonly number[] = []): AsyncGenerator<Buffer> {
  let at = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b)) {
    yield bytes.subarray(at, cut);
    at = cut;
  }
  yield bytes.subarray(at);
}

async function collect(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const b of stream) out.push(b);
  return Buffer.concat(out);
}

const seal = (plain: Buffer, name = objectName(keys, sha(plain))) => collect(encryptObject(keys, name, pieces(plain)));
const open = (stored: Buffer, name: string, cuts: readonly number[] = [], k = keys) => collect(decryptObject(k, name, pieces(stored, cuts)));

describe('object encryption at rest', () => {
  it('reads any range by opening only the chunks that hold it, and knows the plaintext size from the stored size', async () => {
    const plain = randomBytes(3 * CHUNK + 17);
    const name = objectName(keys, sha(plain));
    const stored = await seal(plain, name);
    expect(plaintextSize(stored.length)).toBe(plain.length);
    expect(plaintextSize(encryptedSize(0))).toBe(0);
    const read = async (position: number, length: number) => stored.subarray(position, position + length);
    for (const [start, length] of [[0, 0], [0, plain.length], [1, 10], [CHUNK - 3, 6], [CHUNK, CHUNK], [2 * CHUNK + 5, CHUNK + 12], [plain.length - 1, 1]] as const) {
      expect((await decryptRange(keys, name, stored.length, read, start, length)).equals(plain.subarray(start, start + length)), `${start}+${length}`).toBe(true);
    }
    await expect(decryptRange(keys, name, stored.length, read, plain.length - 1, 2)).rejects.toThrow(RangeError);
    const damaged = Buffer.from(stored);
    damaged[damaged.length - 20]! ^= 1;
    await expect(decryptRange(keys, name, damaged.length, async (p, l) => damaged.subarray(p, p + l), plain.length - 2, 2)).rejects.toThrow(ObjectDamaged);
    await expect(decryptRange(keys, objectName(keys, sha(randomBytes(8))), stored.length, read, 0, 4)).rejects.toThrow(ObjectDamaged);
  });

  it('round-trips at and around the chunk size, however the stored bytes arrive', async () => {
    for (const size of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17]) {
      const plain = randomBytes(size);
      const name = objectName(keys, sha(plain));
      const stored = await seal(plain, name);
      expect(stored.length, `size ${size}`).toBe(encryptedSize(size));
      expect((await open(stored, name)).equals(plain), `size ${size}`).toBe(true);
      expect((await open(stored, name, [1, 7, 40, CHUNK, CHUNK + 16, CHUNK + 56])).equals(plain), `size ${size}, cut`).toBe(true);
    }
  });

  it('round-trips any content cut into any pieces, on both sides (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 * CHUNK + 100 }),
        fc.array(fc.nat({ max: 4 * CHUNK }), { maxLength: 8 }),
        fc.array(fc.nat({ max: 4 * CHUNK }), { maxLength: 8 }),
        async (size, inCuts, outCuts) => {
          const plain = randomBytes(size);
          const name = objectName(keys, sha(plain));
          const stored = await collect(encryptObject(keys, name, pieces(plain, inCuts)));
          expect((await open(stored, name, outCuts)).equals(plain)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses any changed byte, a cut at a chunk boundary, appended bytes, another name and another store', async () => {
    const plain = randomBytes(2 * CHUNK + 500);
    const name = objectName(keys, sha(plain));
    const stored = await seal(plain, name);
    for (const at of [0, 9, 40, 41, CHUNK, CHUNK + 40 + 16, stored.length - 1]) {
      const bad = Buffer.from(stored);
      bad[at]! ^= 0x01;
      await expect(open(bad, name), `byte ${at}`).rejects.toBeInstanceOf(ObjectDamaged);
    }
    // The first two chunks are whole and valid; without the last one the object is not.
    await expect(open(stored.subarray(0, 40 + 2 * (CHUNK + 16)), name)).rejects.toThrow(/does not authenticate/);
    await expect(open(stored.subarray(0, 20), name)).rejects.toThrow(/cut short/);
    await expect(open(Buffer.concat([stored, Buffer.from('x')]), name)).rejects.toBeInstanceOf(ObjectDamaged);
    await expect(open(stored, objectName(keys, sha(Buffer.from('other'))))).rejects.toBeInstanceOf(ObjectDamaged);
    const otherStore = objectKeys({ storeId: randomUUID(), key: randomBytes(32) });
    await expect(open(stored, name, [], otherStore)).rejects.toBeInstanceOf(ObjectDamaged);
    // Two sealed copies of one object are unrelated bytes: each gets its own salt.
    expect((await seal(plain, name)).subarray(40).equals(stored.subarray(40))).toBe(false);
  });

  it('swapping two chunks of an object is refused', async () => {
    const plain = randomBytes(3 * CHUNK);
    const name = objectName(keys, sha(plain));
    const stored = await seal(plain, name);
    const c = (i: number) => stored.subarray(40 + i * (CHUNK + 16), 40 + (i + 1) * (CHUNK + 16));
    const swapped = Buffer.concat([stored.subarray(0, 40), c(1), c(0), c(2)]);
    await expect(open(swapped, name)).rejects.toThrow(/chunk 0 does not authenticate/);
  });

  it('names: the same content gets the same name in one store, another in another store, and never its SHA-256', () => {
    const digest = sha(Buffer.from('身份证 440301198807151236'));
    const other = objectKeys({ storeId: randomUUID(), key: randomBytes(32) });
    expect(objectName(keys, digest)).toBe(objectName(keys, digest));
    expect(objectName(keys, digest)).toMatch(/^[0-9a-f]{64}$/);
    expect(objectName(keys, digest)).not.toBe(digest);
    expect(objectName(other, digest)).not.toBe(objectName(keys, digest));
  });

  it('streams: the first plaintext comes out after one chunk is read, not after the whole object', async () => {
    const chunks = 64;
    let read = 0;
    async function* big(): AsyncGenerator<Buffer> {
      for (let i = 0; i < chunks; i++) yield Buffer.alloc(CHUNK, i);
    }
    const name = objectName(keys, '0'.repeat(64));
    async function* counted(): AsyncGenerator<Buffer> {
      for await (const b of encryptObject(keys, name, big())) {
        read++;
        yield b;
      }
    }
    let first = -1;
    let total = 0;
    for await (const out of decryptObject(keys, name, counted())) {
      if (first < 0) first = read;
      expect(out.every((byte) => byte === (total / CHUNK) % 256)).toBe(true);
      total += out.length;
    }
    expect(total).toBe(chunks * CHUNK);
    // Header plus two sealed chunks: the second tells the first is not the last.
    expect(first).toBeLessThanOrEqual(3);
  });
});
