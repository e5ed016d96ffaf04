import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, openSecretJoined, sealSecret, sealSecretJoined } from '../../electron/core/files/secret-seal';

const key = randomBytes(32);
const secret = randomBytes(32);
const aad = Buffer.from('hpf-desk/test/v1\nthe store');

/** Flip one bit of one byte of a base64 field. */
function flipped(field: string, at: number): string {
  const bytes = Buffer.from(field, 'base64');
  bytes[at % bytes.length]! ^= 0x01;
  return bytes.toString('base64');
}

/**
 * The GCM specification's test case 14 (McGrew and Viega): AES-256, zero key, zero 96-bit IV,
 * one zero block. Files written before this module held exactly these bytes for these inputs, so
 * a seal written by any earlier version still opens.
 */
const KAT = {
  key: Buffer.alloc(32),
  nonce: Buffer.alloc(12).toString('base64'),
  plain: Buffer.alloc(16),
  ciphertext: Buffer.from('cea7403d4d606b6e074ec5d3baf39d18', 'hex'),
  tag: Buffer.from('d0d1c8a799996bf0265b98b5d48ab919', 'hex'),
};

describe('secret seal, tag apart', () => {
  it('opens what it sealed, with and without associated data, and a fresh nonce each time', () => {
    const s = sealSecret(key, secret, aad);
    expect(Buffer.from(s.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(s.tag, 'base64')).toHaveLength(16);
    expect(Buffer.from(s.sealed, 'base64')).toHaveLength(secret.length);
    expect(openSecret(key, s, aad)).toEqual(secret);
    expect(sealSecret(key, secret, aad).nonce).not.toBe(s.nonce);
    expect(openSecret(key, sealSecret(key, secret))).toEqual(secret);
  });

  it('refuses a wrong key, other associated data, and any changed field', () => {
    const s = sealSecret(key, secret, aad);
    expect(openSecret(randomBytes(32), s, aad)).toBeNull();
    expect(openSecret(key, s, Buffer.from('another store'))).toBeNull();
    expect(openSecret(key, s)).toBeNull();
    expect(openSecret(key, { ...s, sealed: flipped(s.sealed, 5) }, aad)).toBeNull();
    expect(openSecret(key, { ...s, tag: flipped(s.tag, 15) }, aad)).toBeNull();
    expect(openSecret(key, { ...s, nonce: flipped(s.nonce, 0) }, aad)).toBeNull();
  });

  it('refuses a shortened tag rather than checking fewer bits', () => {
    const s = sealSecret(key, secret, aad);
    expect(openSecret(key, { ...s, tag: Buffer.from(s.tag, 'base64').subarray(0, 12).toString('base64') }, aad)).toBeNull();
  });

  it('opens the specification vector in the layout the files hold', () => {
    expect(openSecret(KAT.key, { nonce: KAT.nonce, tag: KAT.tag.toString('base64'), sealed: KAT.ciphertext.toString('base64') })).toEqual(KAT.plain);
  });
});

describe('secret seal, tag appended', () => {
  it('opens what it sealed; the tag is the last 16 bytes', () => {
    const s = sealSecretJoined(key, secret, aad);
    expect(Buffer.from(s.sealed, 'base64')).toHaveLength(secret.length + 16);
    expect(openSecretJoined(key, s, aad)).toEqual(secret);
  });

  it('refuses a wrong key, other associated data, any changed byte, and a cut seal', () => {
    const s = sealSecretJoined(key, secret, aad);
    expect(openSecretJoined(randomBytes(32), s, aad)).toBeNull();
    expect(openSecretJoined(key, s, Buffer.from('another bag'))).toBeNull();
    for (const at of [0, 31, 32, 47]) expect(openSecretJoined(key, { ...s, sealed: flipped(s.sealed, at) }, aad)).toBeNull();
    const cut = (n: number) => Buffer.from(s.sealed, 'base64').subarray(0, n).toString('base64');
    expect(openSecretJoined(key, { ...s, sealed: cut(40) }, aad)).toBeNull();
    expect(openSecretJoined(key, { ...s, sealed: cut(10) }, aad)).toBeNull();
  });

  it('opens the specification vector in the layout the files hold', () => {
    expect(openSecretJoined(KAT.key, { nonce: KAT.nonce, sealed: Buffer.concat([KAT.ciphertext, KAT.tag]).toString('base64') })).toEqual(KAT.plain);
  });

  it('does not open a seal of the other layout as its own', () => {
    const apart = sealSecret(key, secret, aad);
    expect(openSecretJoined(key, { nonce: apart.nonce, sealed: apart.sealed }, aad)).toBeNull();
  });
});
