import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CryptoSuite } from '../files/crypto-suite';
import type { ObjectKeys } from '../files/object-cipher';
import { openSecretJoined, sealSecretJoined } from '../files/secret-seal';
import { EncryptionAlgorithm, unwrapContentKey, WrappedKey, wrapContentKey, type EncryptionKeyPair, type EncryptionKeyRef } from '../trust/carrier-keys';
import { COMMIT_MARKER } from './bag-text';

/**
 * A bag sealed for the centre on a carrier (the folder target: a USB disk, a share): nothing in
 * it reads without the centre's private key (docs/central-contract.md §8).
 *
 * - One random 32-byte content key per bag, wrapped for the centre's encryption key
 *   (carrier-keys.ts) in the bag's envelope `hpf-sealed.json`, the one file in the clear.
 * - Every bag file is sealed as a stored object is (object-cipher.ts: 64 KiB chunks; AES-256-GCM
 *   for an X25519 centre, SM4-CTR + HMAC-SM3 for an SM2 one) under keys derived from the content
 *   key, the envelope's salt, the batch and the station: a wrap moved into another bag's
 *   envelope opens nothing.
 * - File names would tell too much (an original keeps its scanned file's name), so each file
 *   lies at `sealed/<HMAC(names key, its bag path)>`; the commit marker keeps its name, so a
 *   receiver still sees that the bag is complete. The centre finds every path from the bag's own
 *   lists: the marker names the tag files, the payload manifest names the payload.
 * - The sealed name is each file's associated data: a file moved to another's place is refused.
 * - The envelope also holds the content key wrapped for the station itself (a key only the
 *   station's store derives), so a transfer resumed after a restart seals its remaining files
 *   under the same key.
 */
export const SEALED_ENVELOPE = 'hpf-sealed.json';
const FORMAT = 'hpf-desk/sealed-bag';

const Envelope = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  batchId: z.string().min(1),
  stationId: z.string().min(1),
  suite: CryptoSuite,
  recipient: z.object({ algorithm: EncryptionAlgorithm, keyId: z.string() }),
  salt: z.base64(),
  centre: WrappedKey,
  station: z.object({ nonce: z.base64(), wrapped: z.base64() }),
});
type Envelope = z.infer<typeof Envelope>;

/** What a station seals its carried bags with: the centre's published key and a secret of its own. */
export interface CarrierSeal {
  readonly recipient: EncryptionKeyRef;
  readonly stationId: string;
  /** A key only this station's store derives: opens the station's own wrap of a bag's content key. */
  readonly stationSecret: Buffer;
}

/** The keys a bag's files are sealed with, and how they are named on the carrier. */
export interface SealedBagKeys {
  readonly keys: ObjectKeys;
  sealedPath(bagPath: string): string;
}

export const suiteFor = (algorithm: EncryptionAlgorithm): CryptoSuite => (algorithm === 'sm2' ? 'sm' : 'standard');
export const encryptionKeyId = (key: EncryptionKeyRef): string => createHash('sha256').update(`${key.algorithm}:${key.publicKey}`).digest('hex').slice(0, 16);
const context = (batchId: string, stationId: string) => Buffer.from(`${FORMAT}/v1\n${batchId}\n${stationId}`, 'utf8');

function bagKeys(envelope: Envelope, contentKey: Buffer): SealedBagKeys {
  const hash = envelope.suite === 'sm' ? 'sm3' : 'sha256';
  const derive = (purpose: string) => Buffer.from(hkdfSync(hash, contentKey, Buffer.from(envelope.salt, 'base64'), `${FORMAT}/${purpose}\n${envelope.batchId}\n${envelope.stationId}`, 32));
  const keys: ObjectKeys = { suite: envelope.suite, content: derive('content'), names: derive('names') };
  return {
    keys,
    sealedPath: (bagPath) => (bagPath === COMMIT_MARKER ? COMMIT_MARKER : `sealed/${createHmac(hash, keys.names).update(bagPath, 'utf8').digest('hex')}`),
  };
}

const stationKek = (seal: CarrierSeal, salt: string) => Buffer.from(hkdfSync('sha256', seal.stationSecret, Buffer.from(salt, 'base64'), `${FORMAT}/station-wrap`, 32));

/** A new bag's envelope (to write before its first file) and its keys. */
export function newSealedBag(seal: CarrierSeal, batchId: string): { envelope: Buffer; bag: SealedBagKeys } {
  const contentKey = randomBytes(32);
  const salt = randomBytes(32).toString('base64');
  const ctx = context(batchId, seal.stationId);
  const { nonce, sealed } = sealSecretJoined(stationKek(seal, salt), contentKey, ctx);
  const envelope: Envelope = {
    format: FORMAT,
    version: 1,
    batchId,
    stationId: seal.stationId,
    suite: suiteFor(seal.recipient.algorithm),
    recipient: { algorithm: seal.recipient.algorithm, keyId: encryptionKeyId(seal.recipient) },
    salt,
    centre: wrapContentKey(seal.recipient, contentKey, ctx),
    station: { nonce, wrapped: sealed },
  };
  return { envelope: Buffer.from(`${JSON.stringify(envelope, null, 2)}\n`), bag: bagKeys(envelope, contentKey) };
}

/**
 * The keys of a bag this station began sealing earlier, from the envelope it wrote; null when the
 * envelope is not this station's for this batch and this centre key (the bag is then sealed anew).
 */
export function resumeSealedBag(seal: CarrierSeal, batchId: string, bytes: Buffer): SealedBagKeys | null {
  const envelope = parseEnvelope(bytes);
  if (!envelope || envelope.batchId !== batchId || envelope.stationId !== seal.stationId || envelope.recipient.keyId !== encryptionKeyId(seal.recipient)) return null;
  const { nonce, wrapped } = envelope.station;
  const contentKey = openSecretJoined(stationKek(seal, envelope.salt), { nonce, sealed: wrapped }, context(batchId, seal.stationId));
  return contentKey && bagKeys(envelope, contentKey);
}

function parseEnvelope(bytes: Buffer): Envelope | null {
  try {
    const parsed = Envelope.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The centre's side: the bag's keys from its envelope, or why they cannot be had. */
export function openEnvelope(bytes: Buffer, batchId: string, keys: EncryptionKeyPair | null): { ok: true; stationId: string; bag: SealedBagKeys } | { ok: false; stationId: string; problem: string } {
  const envelope = parseEnvelope(bytes);
  if (!envelope) return { ok: false, stationId: '', problem: `${SEALED_ENVELOPE} is not a sealed-bag envelope` };
  const { stationId } = envelope;
  if (envelope.batchId !== batchId) return { ok: false, stationId, problem: `${SEALED_ENVELOPE} is for batch ${envelope.batchId}, not ${batchId}` };
  if (!keys) return { ok: false, stationId, problem: 'the bag is sealed and this receiver has no encryption key (central keygen makes one)' };
  if (envelope.recipient.keyId !== encryptionKeyId(keys)) return { ok: false, stationId, problem: `the bag is sealed for key ${envelope.recipient.keyId}, not this centre's ${encryptionKeyId(keys)}` };
  const contentKey = unwrapContentKey(keys, envelope.centre, context(batchId, stationId));
  if (!contentKey) return { ok: false, stationId, problem: "the bag's content key does not unwrap (the envelope was altered)" };
  return { ok: true, stationId, bag: bagKeys(envelope, contentKey) };
}
