import { GENESIS, type ChainHead } from '../audit/event-log';
import type { Db } from '../store/open-database';
import { centreTrust } from '../trust/provisioning';
import { openEnvelope, PAYLOAD_TYPES } from '../trust/signed-envelope';
import { Acknowledgement } from './acknowledgement';

export interface AcknowledgedHead {
  readonly batchId: string;
  readonly head: ChainHead;
}

/**
 * The audit-chain heads the centre echoed in the signed acknowledgements this station holds: the
 * centre has verified the chain up to each, so none of those events may change or go. An
 * acknowledgement that no longer opens with the centre's key (edited in the database) says nothing.
 */
export function acknowledgedHeads(db: Db): AcknowledgedHead[] {
  const centre = centreTrust(db);
  if (centre === null) return [];
  const rows = db.prepare("SELECT batch_id, ack FROM transfers WHERE state IN ('acknowledged', 'purged') AND ack IS NOT NULL ORDER BY rowid").all() as Array<{ batch_id: string; ack: string }>;
  const heads: AcknowledgedHead[] = [];
  for (const r of rows) {
    const opened = openEnvelope(Buffer.from(r.ack, 'utf8'), PAYLOAD_TYPES.ack, centre);
    if (!opened.ok) continue;
    const ack = Acknowledgement.safeParse(JSON.parse(opened.payload.toString('utf8')));
    if (ack.success && ack.data.chainHead) heads.push({ batchId: r.batch_id, head: ack.data.chainHead });
  }
  return heads;
}

/** Where the next bag's chain extract starts: the newest acknowledged head, or before the first event. */
export function lastAcknowledgedHead(db: Db): ChainHead {
  return acknowledgedHeads(db).reduce<ChainHead>((newest, a) => (a.head.id > newest.id ? a.head : newest), { id: 0, hash: GENESIS });
}
