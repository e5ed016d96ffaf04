import { createCipheriv, createDecipheriv, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { CryptoSuite } from './crypto-suite';

/**
 * The two authenticated encryptions of one chunk of a stored object (object-cipher.ts frames
 * them). Both take a per-object key, the chunk's index and last-chunk flag, and associated data
 * (the object's header and name), and both add a 16-byte tag, so the stored layout and its size
 * arithmetic are the same whichever suite wrote an object.
 *
 * - `standard`: AES-256-GCM; the nonce is the index and the flag.
 * - `sm`: SM4-CTR, then HMAC-SM3 over everything the GCM tag covers (encrypt-then-MAC):
 *   length-prefixed associated data, index, flag, ciphertext. Encryption and MAC keys are
 *   separate HKDF-SM3 outputs of the per-object key. The tag is HMAC-SM3 cut to 128 bits (as
 *   RFC 2104 allows; as strong against forgery as GCM's tag). The counter block is the index in
 *   its high 8 bytes: a chunk is at most 4096 blocks, so no two chunks of an object share a
 *   keystream block. A chunk is decrypted only after its tag has been checked.
 */
export const TAG = 16;

/** Seals and opens the chunks of one object. `open` returns null when the chunk does not authenticate. */
export interface ChunkSeal {
  seal(index: number, last: boolean, plain: Buffer): Buffer;
  open(index: number, last: boolean, sealed: Buffer): Buffer | null;
}

/** The header byte that says which suite sealed an object. */
export const SUITE_BYTE: Readonly<Record<CryptoSuite, number>> = { standard: 0x01, sm: 0x02 };

export function suiteOfByte(byte: number | undefined): CryptoSuite | null {
  for (const [suite, b] of Object.entries(SUITE_BYTE) as Array<[CryptoSuite, number]>) if (b === byte) return suite;
  return null;
}

/** The chunk seal of one object, keyed from the store's objects key and the object's salt. */
export function chunkSeal(suite: CryptoSuite, contentKey: Buffer, salt: Buffer, ad: Buffer): ChunkSeal {
  switch (suite) {
    case 'standard':
      return gcmSeal(Buffer.from(hkdfSync('sha256', contentKey, salt, 'hpf-desk/object/v1', 32)), ad);
    case 'sm':
      return smSeal(
        Buffer.from(hkdfSync('sm3', contentKey, salt, 'hpf-desk/object/sm4-ctr', 16)),
        Buffer.from(hkdfSync('sm3', contentKey, salt, 'hpf-desk/object/hmac-sm3', 32)),
        ad,
      );
  }
}

function gcmNonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 0, 6);
  n[11] = last ? 1 : 0;
  return n;
}

function gcmSeal(key: Buffer, ad: Buffer): ChunkSeal {
  return {
    seal(index, last, plain) {
      const cipher = createCipheriv('aes-256-gcm', key, gcmNonce(index, last)).setAAD(ad);
      return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    },
    open(index, last, sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, gcmNonce(index, last)).setAAD(ad);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
      try {
        return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG)), decipher.final()]);
      } catch {
        return null;
      }
    },
  };
}

function smCounter(index: number): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUIntBE(index, 2, 6);
  return iv;
}

function smSeal(encKey: Buffer, macKey: Buffer, ad: Buffer): ChunkSeal {
  const adLength = Buffer.alloc(4);
  adLength.writeUInt32BE(ad.length);
  const tag = (index: number, last: boolean, ciphertext: Buffer) => {
    const position = Buffer.alloc(7);
    position.writeUIntBE(index, 0, 6);
    position[6] = last ? 1 : 0;
    return createHmac('sm3', macKey).update(adLength).update(ad).update(position).update(ciphertext).digest().subarray(0, TAG);
  };
  return {
    seal(index, last, plain) {
      const ciphertext = createCipheriv('sm4-ctr', encKey, smCounter(index)).update(plain);
      return Buffer.concat([ciphertext, tag(index, last, ciphertext)]);
    },
    open(index, last, sealed) {
      const ciphertext = sealed.subarray(0, sealed.length - TAG);
      if (!timingSafeEqual(tag(index, last, ciphertext), sealed.subarray(sealed.length - TAG))) return null;
      return createDecipheriv('sm4-ctr', encKey, smCounter(index)).update(ciphertext);
    },
  };
}
