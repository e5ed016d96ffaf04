import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateEncryptionKeys, unwrapContentKey, wrapContentKey } from '../../electron/core/trust/carrier-keys';
import { newSealedBag, openEnvelope, resumeSealedBag, type CarrierSeal } from '../../electron/core/transfer/sealed-bag';

describe.each(['x25519', 'sm2'] as const)('sealing a carried bag for the centre (%s)', (algorithm) => {
  const centre = generateEncryptionKeys(algorithm);
  const seal: CarrierSeal = { recipient: { algorithm, publicKey: centre.publicKey }, stationId: 'S_BRANCH07', stationSecret: randomBytes(32) };

  it('wraps a content key only the centre unwraps, and refuses a changed wrap', () => {
    const key = randomBytes(32);
    const context = Buffer.from('hpf-desk/sealed-bag/v1\nB_1\nS_BRANCH07');
    const wrap = wrapContentKey(seal.recipient, key, context);
    expect(unwrapContentKey(centre, wrap, context)?.equals(key)).toBe(true);
    expect(unwrapContentKey(generateEncryptionKeys(algorithm), wrap, context)).toBeNull();
    const changed = { ...wrap, wrapped: `${wrap.wrapped.slice(0, 20)}${wrap.wrapped[20] === '0' ? '1' : '0'}${wrap.wrapped.slice(21)}` };
    expect(unwrapContentKey(centre, changed, context)).toBeNull();
    // Two wraps of one key share nothing: an ephemeral key (X25519) or SM2's random k each time.
    expect(wrapContentKey(seal.recipient, key, context).wrapped).not.toBe(wrap.wrapped);
  });

  it('the station resumes its own bag under the same key; the centre derives the same keys and names; nobody else does', () => {
    const { envelope, bag } = newSealedBag(seal, 'B_1');
    const path = 'data/originals/0001-张三身份证.jpg';
    const name = bag.sealedPath(path);
    expect(name).toMatch(/^sealed\/[0-9a-f]{64}$/);
    expect(bag.sealedPath('tagmanifest-sha256.txt')).toBe('tagmanifest-sha256.txt');
    expect(envelope.toString('utf8')).not.toContain('张三');

    const resumed = resumeSealedBag(seal, 'B_1', envelope);
    expect(resumed?.sealedPath(path)).toBe(name);
    expect(resumed?.keys.content.equals(bag.keys.content)).toBe(true);
    // Another store (another station secret), another batch, another centre key: not resumed.
    expect(resumeSealedBag({ ...seal, stationSecret: randomBytes(32) }, 'B_1', envelope)).toBeNull();
    expect(resumeSealedBag(seal, 'B_2', envelope)).toBeNull();
    expect(resumeSealedBag({ ...seal, recipient: { algorithm, publicKey: generateEncryptionKeys(algorithm).publicKey } }, 'B_1', envelope)).toBeNull();

    const opened = openEnvelope(envelope, 'B_1', centre);
    expect(opened.ok && opened.bag.sealedPath(path)).toBe(name);
    expect(opened.ok && opened.bag.keys.content.equals(bag.keys.content)).toBe(true);
    expect(openEnvelope(envelope, 'B_1', null)).toMatchObject({ ok: false, problem: expect.stringMatching(/no encryption key/) });
    expect(openEnvelope(Buffer.from('{}'), 'B_1', centre)).toMatchObject({ ok: false, problem: expect.stringMatching(/not a sealed-bag envelope/) });
    // The envelope names another station: the wrap's context (X25519) or the key derivation (SM2) no longer fits.
    const moved = Buffer.from(envelope.toString('utf8').replace('"S_BRANCH07"', '"S_BRANCH08"'));
    const reopened = openEnvelope(moved, 'B_1', centre);
    expect(reopened.ok && reopened.bag.sealedPath(path) === name).toBe(false);
  });
});
