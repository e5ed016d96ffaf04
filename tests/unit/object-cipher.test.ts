import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suiteFromEnv } from '../../electron/core/files/crypto-suite';
import { CHUNK, decryptObject, decryptRange, encryptObject, encryptedSize, objectKeys, objectName, ObjectDamaged, plaintextSize } from '../../electron/core/files/object-cipher';

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

// Every property holds for both suites: AES-256-GCM, and SM4-CTR + HMAC-SM3 on a 国密 station.
describe.each(['standard', 'sm'] as const)('object encryption at rest (%s)', (suite) => {
  const keys = objectKeys({ storeId: randomUUID(), key: randomBytes(32) }, suite);
  const seal = (plain: Buffer, name = objectName(keys, sha(plain))) => collect(encryptObject(keys, name, pieces(plain)));
  const open = (stored: Buffer, name: string, cuts: readonly number[] = [], k = keys) => collect(decryptObject(k, name, pieces(stored, cuts)));

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
    const otherStore = objectKeys({ storeId: randomUUID(), key: randomBytes(32) }, suite);
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
    const other = objectKeys({ storeId: randomUUID(), key: randomBytes(32) }, suite);
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

describe('the 国密 suite', () => {
  const dataKey = { storeId: randomUUID(), key: randomBytes(32) };
  const sm = objectKeys(dataKey, 'sm');
  const standard = objectKeys(dataKey, 'standard');

  it("Node's SM4 and SM3 give the published examples (GB/T 32907 A.1 and A.2, GB/T 32905 A.1 and A.2)", () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const ecb = () => createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(ecb().update(key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    // The CTR mode the objects use is that block cipher over the counter: one block of zeros gives E(counter).
    expect(createCipheriv('sm4-ctr', key, key).update(Buffer.alloc(16)).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
    // A.2: the plaintext encrypted 1 000 000 times with the same key.
    const cipher = ecb();
    let block: Buffer = key;
    for (let i = 0; i < 1_000_000; i++) block = cipher.update(block);
    expect(block.toString('hex')).toBe('595298c7c6fd271f0402f804c33d3f66');
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(createHash('sm3').update('abcd'.repeat(16)).digest('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('an object is SM4-CTR under HKDF-SM3 keys with a 128-bit HMAC-SM3 tag per chunk, as the header (suite byte 0x02) says', async () => {
    const plain = randomBytes(CHUNK + 100);
    const name = objectName(sm, sha(plain));
    const stored = await collect(encryptObject(sm, name, pieces(plain)));
    expect(stored.subarray(0, 8).toString('latin1')).toBe('HPFOBJ\x00\x02');
    // Rebuilt from the documented construction alone, without the module's code.
    const header = stored.subarray(0, 40);
    const salt = header.subarray(8);
    const enc = Buffer.from(hkdfSync('sm3', sm.content, salt, 'hpf-desk/object/sm4-ctr', 16));
    const mac = Buffer.from(hkdfSync('sm3', sm.content, salt, 'hpf-desk/object/hmac-sm3', 32));
    const ad = Buffer.concat([header, Buffer.from(name, 'latin1')]);
    const chunk0 = stored.subarray(40, 40 + CHUNK + 16);
    const counter = Buffer.alloc(16);
    expect(createDecipheriv('sm4-ctr', enc, counter).update(chunk0.subarray(0, CHUNK)).equals(plain.subarray(0, CHUNK))).toBe(true);
    const adLength = Buffer.alloc(4);
    adLength.writeUInt32BE(ad.length);
    const position = Buffer.from([0, 0, 0, 0, 0, 0, 0]);
    const tag = createHmac('sm3', mac).update(adLength).update(ad).update(position).update(chunk0.subarray(0, CHUNK)).digest().subarray(0, 16);
    expect(tag.equals(chunk0.subarray(CHUNK))).toBe(true);
    // Keyed names are HMAC-SM3 on this suite.
    expect(name).toBe(createHmac('sm3', sm.names).update(Buffer.from(sha(plain), 'hex')).digest('hex'));
  });

  it('one reader reads both suites; a header whose suite byte is changed is refused', async () => {
    const plain = randomBytes(1000);
    const name = '1'.repeat(64);
    const gcm = await collect(encryptObject(standard, name, pieces(plain)));
    const sm4 = await collect(encryptObject({ ...standard, suite: 'sm' }, name, pieces(plain)));
    expect(gcm[7]).toBe(0x01);
    for (const stored of [gcm, sm4]) expect((await collect(decryptObject(standard, name, pieces(stored)))).equals(plain)).toBe(true);
    for (const [stored, other] of [[gcm, 0x02], [sm4, 0x01], [sm4, 0x07]] as const) {
      const relabelled = Buffer.from(stored);
      relabelled[7] = other;
      await expect(collect(decryptObject(standard, name, pieces(relabelled)))).rejects.toBeInstanceOf(ObjectDamaged);
    }
  });

  it("the app's first start and browser mode ask for the suite through HPF_DESK_CRYPTO; anything but standard or sm is refused", () => {
    expect(suiteFromEnv({ HPF_DESK_CRYPTO: 'sm' })).toBe('sm');
    expect(suiteFromEnv({})).toBeUndefined();
    expect(() => suiteFromEnv({ HPF_DESK_CRYPTO: 'sm4' })).toThrow(/standard or sm/);
  });

  it('an SM object moved under another name, or a tag moved between chunks, is refused', async () => {
    const plain = randomBytes(2 * CHUNK);
    const name = objectName(sm, sha(plain));
    const stored = await collect(encryptObject(sm, name, pieces(plain)));
    await expect(collect(decryptObject(sm, objectName(sm, sha(randomBytes(4))), pieces(stored)))).rejects.toThrow(/chunk 0 does not authenticate/);
    const c0 = stored.subarray(40, 40 + CHUNK + 16);
    const c1 = stored.subarray(40 + CHUNK + 16);
    // The second chunk's tag on the first chunk's bytes (and the other way round).
    const crossed = Buffer.concat([stored.subarray(0, 40), c0.subarray(0, CHUNK), c1.subarray(CHUNK), c1.subarray(0, CHUNK), c0.subarray(CHUNK)]);
    await expect(collect(decryptObject(sm, name, pieces(crossed)))).rejects.toThrow(/chunk 0 does not authenticate/);
  });
});
