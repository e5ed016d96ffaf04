import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto';
import { sm2 } from 'sm-crypto';
import { z } from 'zod';
import { openSecretJoined, sealSecretJoined } from '../files/secret-seal';
import { newKeyPair } from './new-key-pair';

/**
 * The centre's encryption key, for bags carried on a disk (the folder target): a bag's random
 * content key is wrapped for it, so only the centre opens the bag. Kept apart from the signing
 * key (a key does one job). X25519 beside an Ed25519 signing key; SM2 beside an SM2 one.
 *
 * Keys as text, as signing.ts writes them:
 * - x25519: public = base64 of the SPKI DER, private = base64 of the PKCS#8 DER;
 * - sm2: public = hex of the uncompressed point (04‖x‖y), private = hex of the scalar.
 *
 * Wrapping a 32-byte content key (docs/central-contract.md §8):
 * - x25519: an ephemeral key pair per bag; Z = X25519(ephemeral, centre); KEK = HKDF-SHA-256(Z,
 *   salt = ephemeral public ‖ centre public (raw 32 bytes each), info = "hpf-desk/carrier/x25519/v1");
 *   the key sealed by AES-256-GCM under KEK with a random 12-byte nonce and `context` as associated data.
 * - sm2: SM2 public-key encryption of the key (GB/T 32918.4, C1‖C3‖C2); its C3 (an SM3 check over
 *   the key and the shared point) is what refuses a changed wrap. `context` is not bound here, so
 *   the bag's envelope binds it instead (the content key's derivation takes it, sealed-bag.ts).
 */
export const ENCRYPTION_ALGORITHMS = ['x25519', 'sm2'] as const;
export const EncryptionAlgorithm = z.enum(ENCRYPTION_ALGORITHMS);
export type EncryptionAlgorithm = z.infer<typeof EncryptionAlgorithm>;

export const EncryptionKeyRef = z.object({ algorithm: EncryptionAlgorithm, publicKey: z.string().min(1).max(500) });
export type EncryptionKeyRef = z.infer<typeof EncryptionKeyRef>;
export interface EncryptionKeyPair extends EncryptionKeyRef {
  readonly privateKey: string;
}

/** A content key wrapped for the centre: what the bag's envelope carries (base64 fields). */
export const WrappedKey = z.discriminatedUnion('algorithm', [
  z.object({ algorithm: z.literal('x25519'), ephemeralPublicKey: z.base64(), nonce: z.base64(), wrapped: z.base64() }),
  z.object({ algorithm: z.literal('sm2'), wrapped: z.string().regex(/^[0-9a-f]+$/) }),
]);
export type WrappedKey = z.infer<typeof WrappedKey>;

export function generateEncryptionKeys(algorithm: EncryptionAlgorithm): EncryptionKeyPair {
  return { algorithm, ...newKeyPair(algorithm) };
}

const X25519_INFO = 'hpf-desk/carrier/x25519/v1';
const x25519Public = (base64: string) => createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
const rawX25519 = (key: ReturnType<typeof createPublicKey>) => Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url');

function x25519Kek(shared: Buffer, ephemeral: Buffer, centre: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, centre]), X25519_INFO, 32));
}

/** Wrap `key` (32 bytes) for the centre's public key. */
export function wrapContentKey(recipient: EncryptionKeyRef, key: Buffer, context: Buffer): WrappedKey {
  switch (recipient.algorithm) {
    case 'x25519': {
      const centre = x25519Public(recipient.publicKey);
      const ephemeral = generateKeyPairSync('x25519');
      const ephemeralRaw = rawX25519(ephemeral.publicKey);
      const kek = x25519Kek(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: centre }), ephemeralRaw, rawX25519(centre));
      const { nonce, sealed } = sealSecretJoined(kek, key, context);
      return { algorithm: 'x25519', ephemeralPublicKey: ephemeralRaw.toString('base64'), nonce, wrapped: sealed };
    }
    case 'sm2':
      return { algorithm: 'sm2', wrapped: sm2.doEncrypt([...key], recipient.publicKey.toLowerCase(), 1) };
  }
}

/** The content key, or null when the wrap is not for this key pair or was changed. */
export function unwrapContentKey(keys: EncryptionKeyPair, wrap: WrappedKey, context: Buffer): Buffer | null {
  if (wrap.algorithm !== keys.algorithm) return null;
  try {
    switch (wrap.algorithm) {
      case 'x25519': {
        const privateKey = createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' });
        const ephemeralRaw = Buffer.from(wrap.ephemeralPublicKey, 'base64');
        const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephemeralRaw.toString('base64url') }, format: 'jwk' });
        const kek = x25519Kek(diffieHellman({ privateKey, publicKey: ephemeral }), ephemeralRaw, rawX25519(x25519Public(keys.publicKey)));
        return openSecretJoined(kek, { nonce: wrap.nonce, sealed: wrap.wrapped }, context);
      }
      case 'sm2': {
        const key = Buffer.from(sm2.doDecrypt(wrap.wrapped, keys.privateKey, 1, { output: 'array' }));
        return key.length === 32 ? key : null;
      }
    }
  } catch {
    return null;
  }
}
