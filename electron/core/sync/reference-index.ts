import { z } from 'zod';
import { openEnvelope, PAYLOAD_TYPES } from '../trust/signed-envelope';
import type { PublicKeyRef } from '../trust/signing';

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** The index's payload: the centre's current reference data (classification scheme, checklists…). */
export const ReferenceIndex = z.object({
  format: z.literal('hpf-desk/reference-data'),
  /** Increases with every change; the station pulls when it is higher than what it has. */
  revision: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  files: z.array(z.object({ name: z.string().regex(NAME), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), mime: z.string().default('application/json') })),
});
export type ReferenceIndex = z.infer<typeof ReferenceIndex>;

/**
 * How far one publication may move the revision past what the station holds. Without a bound a
 * single forged or mistaken index at 2^53 would make every later real update look old.
 */
export const MAX_REVISION_STEP = 1000;

export interface ReferenceTrust {
  readonly centre: PublicKeyRef | null;
  /** The revision the station holds, -1 for none. */
  readonly local: number;
  /** The revision the provisioning file said the centre was at: the floor while the station holds none. */
  readonly baseline: number;
}

export type IndexVerdict =
  | { readonly kind: 'newer'; readonly index: ReferenceIndex }
  /** Nothing to take: the station already has this revision. */
  | { readonly kind: 'current' }
  /** Never acted on; the reason is kept and shown (sync settings, audit log). */
  | { readonly kind: 'refused'; readonly revision: number | null; readonly reason: string };

/** Judge `config/index.json`: signed by the centre's key, well-formed, and a revision in bounds. */
export function judgeReferenceIndex(bytes: Buffer, trust: ReferenceTrust): IndexVerdict {
  if (trust.centre === null) return { kind: 'refused', revision: null, reason: '工作站尚未配置中心公钥，不采用参考数据 / the station has no centre key yet: reference data is not taken' };
  const opened = openEnvelope(bytes, PAYLOAD_TYPES.reference, trust.centre);
  if (!opened.ok) return { kind: 'refused', revision: null, reason: `参考数据索引 / config/index.json: ${opened.reason}` };
  let index: ReferenceIndex;
  try {
    const parsed = ReferenceIndex.safeParse(JSON.parse(opened.payload.toString('utf8')));
    if (!parsed.success) return { kind: 'refused', revision: null, reason: `config/index.json is not valid: ${parsed.error.issues[0]?.message ?? ''}` };
    index = parsed.data;
  } catch {
    return { kind: 'refused', revision: null, reason: 'config/index.json is not JSON' };
  }
  if (index.revision === trust.local) return { kind: 'current' };
  if (index.revision < trust.local || index.revision < trust.baseline) {
    return { kind: 'refused', revision: index.revision, reason: `参考数据版本倒退 / revision ${index.revision} is older than ${Math.max(trust.local, trust.baseline)}, which the station already trusts` };
  }
  const ceiling = Math.max(trust.local, trust.baseline) + MAX_REVISION_STEP;
  if (index.revision > ceiling) {
    return { kind: 'refused', revision: index.revision, reason: `参考数据版本跳跃过大 / revision ${index.revision} jumps more than ${MAX_REVISION_STEP} past ${Math.max(trust.local, trust.baseline)}` };
  }
  return { kind: 'newer', index };
}
