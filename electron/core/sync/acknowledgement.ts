import { z } from 'zod';
import type { BagPlan } from '../transfer/bag-layout';

/**
 * `acks/<batch>.json`, written by the central archive after it has read the bag: the SHA-256 of
 * every file as the centre itself read it. The station believes none of it until it matches its
 * own hashes (docs/central-contract.md).
 */
export const Acknowledgement = z.object({
  format: z.literal('hpf-desk/ack'),
  version: z.literal(1),
  batchId: z.string(),
  status: z.enum(['accepted', 'rejected']),
  receivedAt: z.string(),
  archive: z.string(),
  files: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/)),
  reason: z.string().optional(),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export type AckVerdict =
  /** Every file arrived as sent, and the centre took the batch. */
  | { readonly kind: 'accepted'; readonly ack: Acknowledgement }
  /** Some files are missing or altered at the centre: send them again. */
  | { readonly kind: 'resend'; readonly paths: readonly string[]; readonly reason: string }
  /** The centre refused the batch for a reason a re-send does not fix. */
  | { readonly kind: 'rejected'; readonly reason: string }
  /** Not an acknowledgement of this bag (malformed, another batch, files we never sent). */
  | { readonly kind: 'invalid'; readonly reason: string };

export function judgeAck(bytes: Buffer, plan: BagPlan): AckVerdict {
  let ack: Acknowledgement;
  try {
    const parsed = Acknowledgement.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return { kind: 'invalid', reason: `acknowledgement does not match the format: ${parsed.error.issues[0]?.message ?? ''}` };
    ack = parsed.data;
  } catch {
    return { kind: 'invalid', reason: 'acknowledgement is not JSON' };
  }
  if (ack.batchId !== plan.batchId) return { kind: 'invalid', reason: `acknowledgement is for batch ${ack.batchId}` };
  const ours = new Set(plan.files.map((f) => f.path));
  const unknown = Object.keys(ack.files).filter((p) => !ours.has(p));
  if (unknown.length > 0) return { kind: 'rejected', reason: `the centre lists ${unknown.length} files that were never sent, e.g. ${unknown[0]}` };
  const differing = plan.files.filter((f) => ack.files[f.path] !== f.sha256).map((f) => f.path);
  if (differing.length > 0) {
    return { kind: 'resend', paths: differing, reason: `${differing.length} files are missing or altered at the centre, e.g. ${differing[0]}` };
  }
  if (ack.status === 'rejected') return { kind: 'rejected', reason: ack.reason ?? 'rejected by the central archive' };
  return { kind: 'accepted', ack };
}
