import type { CloseBatchResult, CoreEvent } from '../../../shared/contract';
import { DeskError } from '../errors';
import { getBatch } from '../store/repo/batches';
import { assessBatch, type BagDeps } from './bag-plan';
import { closeAndQueue, getTransfer } from './transfer-store';

/**
 * Finish a batch: run the store 四性检测 and, when it passes, close the batch and queue it for
 * transfer. A failing batch stays open, with the report, so the operator can put it right and
 * close it again; nothing of it leaves the station.
 */
export async function closeBatch(deps: BagDeps & { readonly emit: (event: CoreEvent) => void }, batchId: string): Promise<CloseBatchResult> {
  const batch = getBatch(deps.db, batchId);
  if (!batch) throw new DeskError('not_found', `no batch ${batchId}`);
  const transfer = getTransfer(deps.db, batchId);
  if (transfer && transfer.state !== 'failed') {
    throw new DeskError('conflict', `批次已在移交队列中（${transfer.state}）/ batch ${batch.name} is already queued (${transfer.state})`);
  }
  const { report } = await assessBatch(deps, batchId);
  const state = closeAndQueue(deps.db, deps.actor, batchId, report);
  deps.emit({ type: 'batch.changed', batchId });
  return { batch: batchId, state, report };
}
