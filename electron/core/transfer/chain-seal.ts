import { z } from 'zod';
import type { BlobStore } from '../files/blob-store';
import type { BagPlan } from './bag-layout';
import { chainHead, eventsBetween, type ChainedEvent, type ChainHead } from '../audit/event-log';
import type { Db } from '../store/open-database';
import { Envelope, PAYLOAD_TYPES, sealEnvelope } from '../trust/signed-envelope';
import { SIGNATURE_ALGORITHMS, type KeyPair } from '../trust/signing';

/** The tag file that carries the station's signature over the bag (docs/central-contract.md §7.4). */
export const SEAL_FILE = 'station-seal.json';

const Head = z.object({ id: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * The seal's payload: who sealed (the station's public key, pinned by the centre at its first
 * bag), which bag (the SHA-256 of its payload manifest and bag-info.txt, so the signature covers
 * every payload file, `audit-chain.jsonl` among them), and the audit chain it carries: the events
 * after `previous` up to `head`, contiguous.
 */
export const BagSeal = z.object({
  format: z.literal('hpf-desk/bag-seal'),
  version: z.literal(1),
  batchId: z.string(),
  stationId: z.string(),
  stationKey: z.object({ algorithm: z.enum(SIGNATURE_ALGORITHMS as ['ed25519', 'sm2']), publicKey: z.string().min(1).max(500) }),
  previous: Head,
  head: Head,
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  bagInfoSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BagSeal = z.infer<typeof BagSeal>;

/** One line of `audit-chain.jsonl` (and of `audit-log.jsonl`): an event as stored. */
export const eventLine = (e: ChainedEvent): string =>
  `${JSON.stringify({ id: e.id, at: e.at, actor: e.actor, kind: e.kind, subject: e.subject, data: e.data, prevHash: e.prevHash, hash: e.hash })}\n`;

export interface ChainExtract {
  readonly previous: ChainHead;
  readonly head: ChainHead;
  /** `audit-chain.jsonl`: every event after `previous` up to `head`. */
  readonly lines: string;
}

/**
 * The part of the chain a bag carries: from the newest head the centre acknowledged (so the
 * centre, which holds that head, can check the new events continue it) to the chain's head now.
 */
export function chainExtract(db: Db, previous: ChainHead): ChainExtract {
  const head = chainHead(db);
  return { previous, head, lines: eventsBetween(db, previous.id, head.id).map(eventLine).join('') };
}

export function sealBag(keys: KeyPair, fields: Omit<BagSeal, 'format' | 'version' | 'stationKey'>): Buffer {
  const seal: BagSeal = { format: 'hpf-desk/bag-seal', version: 1, ...fields, stationKey: { algorithm: keys.algorithm, publicKey: keys.publicKey } };
  return sealEnvelope(keys, PAYLOAD_TYPES.bag, Buffer.from(JSON.stringify(seal)));
}

/**
 * The seal's payload as written, its signature not checked: for the station reading back its own
 * seal, and for centres that echo its head. The receiver verifies it (central/chain-receipt.ts).
 */
export function readSeal(bytes: Buffer): BagSeal {
  const envelope = Envelope.parse(JSON.parse(bytes.toString('utf8')));
  return BagSeal.parse(JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')));
}

/** The chain head a packaged bag's seal carries, read back from the store (null: the bag has no seal). */
export async function sealedHead(blobs: BlobStore, plan: BagPlan): Promise<ChainHead | null> {
  const file = plan.files.find((f) => f.path === SEAL_FILE);
  return file ? readSeal(await blobs.read(file.sha256)).head : null;
}
