import type { CloseBatchResult, CoreEvent } from '../../../shared/contract';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { getBatch } from '../store/repo/batches';
import { assessBatch, type BagDeps } from './bag-plan';
import { closeAndQueue, getTransfer } from './transfer-store';

/**
 * Finish a batch: run the store 四性检测 and, when it passes, close the batch and queue it for
 * transfer. A failing batch stays open, with the report, so the operator can put it right and
 * close it again; nothing of it leaves the station.
 */
export async function closeBatch(
  deps: BagDeps & { readonly emit: (event: CoreEvent) => void },
  batchId: string,
  options: { readonly looseReason?: string } = {},
): Promise<CloseBatchResult> {
  const batch = getBatch(deps.db, batchId);
  if (!batch) throw new DeskError('not_found', `no batch ${batchId}`);
  const transfer = getTransfer(deps.db, batchId);
  if (transfer && transfer.state !== 'failed') {
    throw new DeskError('conflict', `批次已在移交队列中（${transfer.state}）/ batch ${batch.name} is already queued (${transfer.state})`);
  }
  const loose = loosePages(deps.db, batchId);
  if (loose.length > 0) {
    const seqs = loose.map((p) => p.seq).join('、');
    const reason = options.looseReason?.trim() ?? '';
    if (batch.kind === 'counter') {
      throw new DeskError('conflict', `第 ${seqs} 页还不属于任何件：请先把它们分配给件或移入回收站，再关闭批次 / pages ${seqs} belong to no item: assign or trash them first`, { loose });
    }
    if (reason === '') {
      throw new DeskError('conflict', `第 ${seqs} 页还不属于任何件：请分配，或说明原因后随批次移交 / pages ${seqs} belong to no item: assign them, or give a reason to transfer them as they are`, { loose, decisionAllowed: true });
    }
    deps.db.transaction(() => appendEvent(deps.db, { actor: deps.actor, kind: 'batch.loose-accepted', subject: batchId, data: { pages: loose.map((p) => p.id), reason } }))();
  }
  const { report } = await assessBatch(deps, batchId);
  const state = closeAndQueue(deps.db, deps.actor, batchId, report);
  deps.emit({ type: 'batch.changed', batchId });
  return { batch: batchId, state, report };
}

/**
 * Live pages of the batch that belong to no item: at the counter every page is a customer's
 * paper and must land in an item; in backfile a page may stay loose (a blank cover, a stray
 * sheet), but only by a recorded decision.
 */
export function loosePages(db: Db, batchId: string): Array<{ id: string; seq: number }> {
  return db
    .prepare(
      `SELECT p.id, p.seq FROM pages p JOIN documents d ON d.id = p.document_id
       WHERE p.batch_id = ? AND d.item_id IS NULL AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id)
       ORDER BY p.seq`,
    )
    .all(batchId) as Array<{ id: string; seq: number }>;
}
