import { describe, expect, it } from 'vitest';
import { openEnvelope, pae, PAYLOAD_TYPES, sealEnvelope } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys, publicKeyOf, signBytes, verifyBytes, SIGNATURE_ALGORITHMS } from '../../electron/core/trust/signing';

describe('signatures (Ed25519 by default, SM2 for 国密)', () => {
  it('SM2 derives the public key of a key pair published with another implementation (gmssl’s README example)', () => {
    expect(publicKeyOf('sm2', 'b9ab0b828ff68872f21a837fc303668428dea11dcd1b24429d0c99e24eed83d5')).toBe(
      '04b9c9a6e04e9c91f7ba880429273747d7ef5ddeb0bb2ff6317eb00bef331a83081a6994b8993f3f5d6eadddb81872266c87c018fb4162f5af347b483e24620207',
    );
  });

  for (const algorithm of SIGNATURE_ALGORITHMS) {
    it(`${algorithm}: a signature holds for its key and bytes only`, () => {
      const keys = generateSigningKeys(algorithm);
      const other = generateSigningKeys(algorithm);
      const message = Buffer.from('移交确认 batch B_1');
      const sig = signBytes(keys, message);
      expect(verifyBytes(keys, message, sig)).toBe(true);
      expect(verifyBytes(keys, Buffer.from('移交确认 batch B_2'), sig)).toBe(false);
      expect(verifyBytes(other, message, sig)).toBe(false);
      expect(verifyBytes(keys, message, 'not base64 at all!')).toBe(false);
      expect(verifyBytes({ algorithm, publicKey: 'garbage' }, message, sig)).toBe(false);
      expect(publicKeyOf(algorithm, keys.privateKey)).toBe(keys.publicKey);
    });
  }

  it('envelopes follow DSSE: PAE binds the payload type, so an ack signature is no reference-data signature', () => {
    expect(pae('t', Buffer.from('hello')).toString()).toBe('DSSEv1 1 t 5 hello');
    const keys = generateSigningKeys('ed25519');
    const sealed = sealEnvelope(keys, PAYLOAD_TYPES.ack, Buffer.from('{"a":1}'));
    expect(openEnvelope(sealed, PAYLOAD_TYPES.ack, keys)).toEqual({ ok: true, payload: Buffer.from('{"a":1}') });
    expect(openEnvelope(sealed, PAYLOAD_TYPES.reference, keys)).toMatchObject({ ok: false, code: 'wrong_type' });
    const retyped = { ...JSON.parse(sealed.toString('utf8')), payloadType: PAYLOAD_TYPES.reference };
    expect(openEnvelope(Buffer.from(JSON.stringify(retyped)), PAYLOAD_TYPES.reference, keys)).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(openEnvelope(Buffer.from('{"a":1}'), PAYLOAD_TYPES.ack, keys)).toMatchObject({ ok: false, code: 'unsigned' });
  });
});
