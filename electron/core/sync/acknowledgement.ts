import { z } from 'zod';
import type { BagPlan } from '../transfer/bag-layout';
import { openEnvelope, PAYLOAD_TYPES } from '../trust/signed-envelope';
import type { PublicKeyRef } from '../trust/signing';
import type { ChainHead } from '../audit/event-log';

/**
 * `acks/<batch>.json`, written by the central archive after it has read the bag: a DSSE envelope
 * signed by the centre's key, whose payload names the station and the batch and carries the
 * SHA-256 of every file as the centre itself read it (docs/central-contract.md §4). The station
 * believes none of it until the signature holds and the hashes match its own.
 */
export const Acknowledgement = z.object({
  format: z.literal('hpf-desk/ack'),
  version: z.literal(2),
  batchId: z.string(),
  stationId: z.string(),
  status: z.enum(['accepted', 'rejected']),
  receivedAt: z.string(),
  archive: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  reason: z.string().optional(),
  /** The station's audit-chain head the centre verified in this bag (its seal's `head`), echoed. */
  chainHead: z.object({ id: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

/** The payload bytes a centre signs: the receiver's, and those of the centres the tests and benches play. */
export function ackPayload(ack: Omit<Acknowledgement, 'format' | 'version'>): Buffer {
  return Buffer.from(JSON.stringify(Acknowledgement.parse({ format: 'hpf-desk/ack', version: 2, ...ack })));
}

/** What the station trusts an acknowledgement by: the provisioned centre key (null: none yet) and its own id. */
export interface AckTrust {
  readonly centre: PublicKeyRef | null;
  readonly stationId: string;
  /** The chain head the bag's seal carried (null: a bag without a seal); an acceptance must echo it. */
  readonly chainHead: ChainHead | null;
}

export type AckVerdict =
  /** Every file arrived as sent, and the centre took the batch. */
  | { readonly kind: 'accepted'; readonly ack: Acknowledgement }
  /** Some files are missing or altered at the centre: send them again. */
  | { readonly kind: 'resend'; readonly paths: readonly string[]; readonly reason: string }
  /** The centre refused the batch for a reason a re-send does not fix. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /**
   * Not an acknowledgement the station may act on: kept aside with the reason, nothing changes.
   * `ack_unsigned`: no signature by the provisioned centre key (forged, or the station has no key);
   * `ack_invalid`: signed, but not about this station's bag.
   */
  | { readonly kind: 'invalid'; readonly code: 'ack_unsigned' | 'ack_invalid'; readonly reason: string };

const unsigned = (reason: string): AckVerdict => ({ kind: 'invalid', code: 'ack_unsigned', reason: `确认文件未被采纳 / acknowledgement set aside: ${reason}` });
const invalid = (reason: string): AckVerdict => ({ kind: 'invalid', code: 'ack_invalid', reason });

export function judgeAck(bytes: Buffer, plan: BagPlan, trust: AckTrust): AckVerdict {
  if (trust.centre === null) return unsigned('工作站尚未配置中心公钥（hpf-desk init --provision）/ the station has no centre key yet (hpf-desk init --provision)');
  const opened = openEnvelope(bytes, PAYLOAD_TYPES.ack, trust.centre);
  if (!opened.ok) return unsigned(opened.reason);
  let ack: Acknowledgement;
  try {
    const parsed = Acknowledgement.safeParse(JSON.parse(opened.payload.toString('utf8')));
    if (!parsed.success) return invalid(`acknowledgement does not match the format: ${parsed.error.issues[0]?.message ?? ''}`);
    ack = parsed.data;
  } catch {
    return invalid('acknowledgement is not JSON');
  }
  if (ack.batchId !== plan.batchId) return invalid(`acknowledgement is for batch ${ack.batchId}`);
  // A centre's signature over another station's bag of the same batch id says nothing about ours.
  if (ack.stationId !== trust.stationId) return invalid(`acknowledgement is for station ${ack.stationId}`);
  const ours = new Set(plan.files.map((f) => f.path));
  const unknown = Object.keys(ack.files).filter((p) => !ours.has(p));
  if (unknown.length > 0) return { kind: 'rejected', reason: `the centre lists ${unknown.length} files that were never sent, e.g. ${unknown[0]}` };
  const differing = plan.files.filter((f) => ack.files[f.path] !== f.sha256).map((f) => f.path);
  if (differing.length > 0) {
    return { kind: 'resend', paths: differing, reason: `${differing.length} files are missing or altered at the centre, e.g. ${differing[0]}` };
  }
  if (ack.status === 'rejected') return { kind: 'rejected', reason: ack.reason ?? 'rejected by the central archive' };
  // The echoed head is what later proves the centre held the chain that far (verify, the next bag's extract).
  if (trust.chainHead !== null && (ack.chainHead?.id !== trust.chainHead.id || ack.chainHead.hash !== trust.chainHead.hash)) {
    return invalid(`acknowledgement echoes audit-chain head ${ack.chainHead ? `#${ack.chainHead.id}` : '(none)'}, the bag carried #${trust.chainHead.id}`);
  }
  return { kind: 'accepted', ack };
}
