import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for the small secrets kept in JSON files (a store's wrapped data key, the station's
 * signing key, a recovery copy's KEK, a carried bag's content key): a random 12-byte nonce per
 * seal, optional associated data, every field base64. Stored objects are sealed by chunk-seal.ts
 * instead (chunked, counter nonces, a second suite).
 *
 * The files written so far hold the 16-byte tag in one of two ways, and both must keep opening:
 * - apart, in a `tag` field of its own (`sealSecret`, `openSecret`);
 * - appended to the ciphertext (`sealSecretJoined`, `openSecretJoined`).
 * Opening fails (null) for a wrong key, other associated data, or any changed byte; the caller
 * says what that means. The tag's length is fixed, so a shortened tag is refused too.
 */
const NONCE = 12;
const TAG = 16;

/** A seal whose tag stands apart from the ciphertext. */
export interface SecretSeal {
  readonly nonce: string;
  readonly tag: string;
  readonly sealed: string;
}

/** A seal whose `sealed` is the ciphertext followed by the tag. */
export interface JoinedSecretSeal {
  readonly nonce: string;
  readonly sealed: string;
}

function seal(key: Buffer, plain: Buffer, aad: Buffer | undefined): { nonce: Buffer; ciphertext: Buffer; tag: Buffer } {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG });
  if (aad) cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

function open(key: Buffer, nonce: Buffer, ciphertext: Buffer, tag: Buffer, aad: Buffer | undefined): Buffer | null {
  if (tag.length !== TAG) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG });
    if (aad) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

const b64 = (bytes: Buffer) => bytes.toString('base64');
const bytes = (text: string) => Buffer.from(text, 'base64');

export function sealSecret(key: Buffer, plain: Buffer, aad?: Buffer): SecretSeal {
  const { nonce, ciphertext, tag } = seal(key, plain, aad);
  return { nonce: b64(nonce), tag: b64(tag), sealed: b64(ciphertext) };
}

/** The secret, or null when the seal does not open under `key` and `aad`. */
export function openSecret(key: Buffer, s: SecretSeal, aad?: Buffer): Buffer | null {
  return open(key, bytes(s.nonce), bytes(s.sealed), bytes(s.tag), aad);
}

export function sealSecretJoined(key: Buffer, plain: Buffer, aad?: Buffer): JoinedSecretSeal {
  const { nonce, ciphertext, tag } = seal(key, plain, aad);
  return { nonce: b64(nonce), sealed: b64(Buffer.concat([ciphertext, tag])) };
}

/** The secret, or null when the seal does not open under `key` and `aad`. */
export function openSecretJoined(key: Buffer, s: JoinedSecretSeal, aad?: Buffer): Buffer | null {
  const sealed = bytes(s.sealed);
  if (sealed.length < TAG) return null;
  return open(key, bytes(s.nonce), sealed.subarray(0, sealed.length - TAG), sealed.subarray(sealed.length - TAG), aad);
}
