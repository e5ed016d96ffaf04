import { generateKeyPairSync } from 'node:crypto';
import { sm2 } from 'sm-crypto';

/** A key pair as our key files and provisioning files carry it: text, never a KeyObject. */
export interface KeyPairText {
  readonly publicKey: string;
  readonly privateKey: string;
}

/**
 * A new key pair of one of the curves we use: Ed25519 (signing) and X25519 (key agreement) in
 * base64 DER (SPKI / PKCS#8, what OpenSSL and every other stack read), SM2 (both) in the hex
 * form sm-crypto and GM/T 0003 tools exchange.
 */
export function newKeyPair(curve: 'ed25519' | 'x25519' | 'sm2'): KeyPairText {
  if (curve === 'sm2') {
    const keys = sm2.generateKeyPairHex();
    return { publicKey: keys.publicKey, privateKey: keys.privateKey };
  }
  const { publicKey, privateKey } = curve === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}
