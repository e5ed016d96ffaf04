import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { sm2 } from 'sm-crypto';
import { newKeyPair } from './new-key-pair';

/**
 * The signature algorithms a centre or a station may use. Ed25519 by default (Node's OpenSSL);
 * SM2 with SM3 (GB/T 32918, ID `1234567812345678`) for a 国密 deployment, through the pure-JS
 * sm-crypto because Node's OpenSSL cannot generate SM2 keys.
 */
export type SignatureAlgorithm = 'ed25519' | 'sm2';
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['ed25519', 'sm2'];

/**
 * Keys as text, so they travel in JSON and PEM-less files:
 * - ed25519: public = base64 of the SPKI DER, private = base64 of the PKCS#8 DER (what
 *   `openssl pkey -outform DER` writes);
 * - sm2: public = hex of the uncompressed point (04‖x‖y), private = hex of the scalar.
 * Signatures are base64: Ed25519's 64 bytes; SM2's DER `SEQUENCE { r, s }`.
 */
export interface PublicKeyRef {
  readonly algorithm: SignatureAlgorithm;
  readonly publicKey: string;
}
export interface KeyPair extends PublicKeyRef {
  readonly privateKey: string;
}

export function generateSigningKeys(algorithm: SignatureAlgorithm): KeyPair {
  return { algorithm, ...newKeyPair(algorithm) };
}

export function signBytes(keys: KeyPair, message: Buffer): string {
  switch (keys.algorithm) {
    case 'ed25519':
      return sign(null, message, createPrivateKey({ key: Buffer.from(keys.privateKey, 'base64'), format: 'der', type: 'pkcs8' })).toString('base64');
    case 'sm2':
      return Buffer.from(sm2.doSignature([...message], keys.privateKey, { hash: true, der: true, publicKey: keys.publicKey }), 'hex').toString('base64');
  }
}

/** True only for a well-formed signature by this key over exactly these bytes; a malformed key or signature is false, never a throw. */
export function verifyBytes(key: PublicKeyRef, message: Buffer, signature: string): boolean {
  try {
    const sig = Buffer.from(signature, 'base64');
    switch (key.algorithm) {
      case 'ed25519':
        return verify(null, message, createPublicKey({ key: Buffer.from(key.publicKey, 'base64'), format: 'der', type: 'spki' }), sig);
      case 'sm2':
        return /^04[0-9a-f]{128}$/i.test(key.publicKey) && sm2.doVerifySignature([...message], sig.toString('hex'), key.publicKey.toLowerCase(), { hash: true, der: true });
    }
  } catch {
    return false;
  }
}

/** The public half of a key pair (a private key file is enough to restore both). */
export function publicKeyOf(algorithm: SignatureAlgorithm, privateKey: string): string {
  switch (algorithm) {
    case 'ed25519':
      return createPublicKey(createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' }))
        .export({ format: 'der', type: 'spki' })
        .toString('base64');
    case 'sm2':
      return sm2.getPublicKeyFromPrivateKey(privateKey);
  }
}
