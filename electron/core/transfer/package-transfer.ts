import type { FourChecksReport } from '../../../shared/contract';
import { buildBag, type BagDeps } from './bag-plan';
import { moveTransfer, savePlan } from './transfer-store';

const CHECKS_FAILED = { kind: 'permanent', code: 'checks_failed', message: '四性检测未通过 / 四性检测 (DA/T 70) failed' } as const;

/**
 * queued → packaging → checked (or failed): build the batch's bag, run 四性检测 on the store and on
 * the package, and freeze the bag for sending. A crash while packaging leaves the batch in
 * `packaging`, from where this runs again (the bag is only frozen in its final transaction).
 */
export async function packageTransfer(deps: BagDeps, batchId: string): Promise<FourChecksReport> {
  const { db, actor } = deps;
  db.transaction(() => moveTransfer(db, actor, batchId, 'packaging'))();
  const built = await buildBag(deps, batchId);
  if (built.plan) savePlan(db, actor, built.plan, built.report);
  else db.transaction(() => moveTransfer(db, actor, batchId, 'failed', { report: built.report, error: CHECKS_FAILED }))();
  return built.report;
}
