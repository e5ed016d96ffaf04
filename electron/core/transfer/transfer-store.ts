import {
  FourChecksReport,
  TransferError,
  type TransferState,
  type TransferStatus,
} from '../../../shared/contract';
import { appendEvent } from '../audit/event-log';
import type { Db } from '../store/open-database';
import { fileRowWriter } from '../store/repo/file-rows';
import { nowIso } from '../util/ids';
import type { BagFile, BagPlan, BagRole } from './bag-layout';

/** The moves the state machine allows; anything else is a bug and is refused. */
const MOVES: Readonly<Record<TransferState, readonly TransferState[]>> = {
  queued: ['packaging', 'failed'],
  packaging: ['checked', 'failed', 'queued'],
  checked: ['uploading', 'failed'],
  uploading: ['uploaded', 'failed'],
  // Back to uploading when the central archive's acknowledgement shows a file arrived altered.
  uploaded: ['acknowledged', 'uploading', 'failed'],
  acknowledged: ['purged'],
  purged: [],
  // A retry: sending again when the bag was built, else packaging again.
  failed: ['queued', 'checked'],
};

export const canMove = (from: TransferState, to: TransferState): boolean => MOVES[from].includes(to);

export interface TransferRow {
  readonly batchId: string;
  readonly state: TransferState;
  readonly paused: boolean;
  readonly target: string | null;
  readonly attempts: number;
  readonly nextAttemptAt: string | null;
  readonly error: TransferError | null;
  readonly commitSha256: string | null;
  readonly ackSha256: string | null;
  readonly acknowledgedAt: string | null;
}

interface RawRow {
  batch_id: string; state: TransferState; paused: number; target: string | null; attempts: number; next_attempt_at: string | null;
  error: string | null; commit_sha256: string | null; ack_sha256: string | null; acknowledged_at: string | null;
}

const toRow = (r: RawRow): TransferRow => ({
  batchId: r.batch_id,
  state: r.state,
  paused: r.paused === 1,
  target: r.target,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  error: r.error === null ? null : TransferError.parse(JSON.parse(r.error)),
  commitSha256: r.commit_sha256,
  ackSha256: r.ack_sha256,
  acknowledgedAt: r.acknowledged_at,
});

export function getTransfer(db: Db, batchId: string): TransferRow | undefined {
  const r = db.prepare('SELECT * FROM transfers WHERE batch_id = ?').get(batchId) as RawRow | undefined;
  return r && toRow(r);
}

export interface MovePatch {
  readonly target?: string | null;
  readonly error?: TransferError | null;
  readonly attempts?: number;
  readonly nextAttemptAt?: string | null;
  readonly report?: FourChecksReport;
  readonly ack?: { readonly sha256: string; readonly text: string | null };
}

/**
 * Move a batch's transfer to `to` in the caller's transaction, refusing moves the state machine
 * does not allow, and record the move in the audit log.
 */
export function moveTransfer(db: Db, actor: string, batchId: string, to: TransferState, patch: MovePatch = {}): void {
  const current = getTransfer(db, batchId);
  if (!current) throw new Error(`no transfer for batch ${batchId}`);
  if (current.state !== to && !canMove(current.state, to)) throw new Error(`transfer ${batchId}: ${current.state} → ${to} is not allowed`);
  const at = nowIso();
  const sets: string[] = ['state = @to', 'updated_at = @at'];
  const params: Record<string, unknown> = { to, at, batchId };
  const set = (column: string, key: string, value: unknown) => {
    sets.push(`${column} = @${key}`);
    params[key] = value;
  };
  if (patch.target !== undefined) set('target', 'target', patch.target);
  if (patch.error !== undefined) set('error', 'error', patch.error === null ? null : JSON.stringify(patch.error));
  if (patch.attempts !== undefined) set('attempts', 'attempts', patch.attempts);
  if (patch.nextAttemptAt !== undefined) set('next_attempt_at', 'nextAttemptAt', patch.nextAttemptAt);
  if (patch.report) {
    set('checks', 'checks', JSON.stringify(patch.report));
    set('checks_ok', 'checksOk', patch.report.ok ? 1 : 0);
  }
  if (patch.ack) {
    set('ack_sha256', 'ackSha256', patch.ack.sha256);
    if (patch.ack.text !== null) set('ack', 'ack', patch.ack.text);
  }
  if (to === 'uploaded' && current.state !== 'uploaded') set('uploaded_at', 'uploadedAt', at);
  if (to === 'acknowledged') set('acknowledged_at', 'acknowledgedAt', at);
  if (to === 'purged') set('purged_at', 'purgedAt', at);
  db.prepare(`UPDATE transfers SET ${sets.join(', ')} WHERE batch_id = @batchId`).run(params);
  if (current.state !== to) {
    appendEvent(db, { actor, kind: `transfer.${to}`, subject: batchId, data: { batchId, from: current.state, ...(patch.error ? { error: patch.error } : {}) } });
  }
}

/** Close a batch whose store checks passed and queue it; or keep it open with the failing report. */
export function closeAndQueue(db: Db, actor: string, batchId: string, report: FourChecksReport): TransferState {
  return db.transaction((): TransferState => {
    const at = nowIso();
    const existing = getTransfer(db, batchId);
    const state: TransferState = report.ok ? 'queued' : 'failed';
    const error = report.ok ? null : { kind: 'permanent' as const, code: 'checks_failed', message: '四性检测未通过 / 四性检测 (DA/T 70) failed' };
    if (!existing) {
      db.prepare(
        `INSERT INTO transfers (batch_id, state, checks, checks_ok, error, queued_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(batchId, state, JSON.stringify(report), report.ok ? 1 : 0, error && JSON.stringify(error), at, at);
      appendEvent(db, { actor, kind: `transfer.${state}`, subject: batchId, data: { batchId, checksOk: report.ok } });
    } else {
      moveTransfer(db, actor, batchId, state, { report, error, attempts: 0, nextAttemptAt: null });
    }
    if (report.ok) {
      db.prepare("UPDATE batches SET state = 'closed', updated_at = ? WHERE id = ?").run(at, batchId);
      appendEvent(db, { actor, kind: 'batch.closed', subject: batchId, data: { batchId } });
    }
    return state;
  })();
}

/** Freeze a built bag: register its generated objects, store its files in upload order. */
export function savePlan(db: Db, actor: string, plan: BagPlan, report: FourChecksReport): void {
  db.transaction(() => {
    const at = nowIso();
    const putFile = fileRowWriter(db);
    for (const f of plan.files) putFile(f, at);
    db.prepare('DELETE FROM transfer_uploads WHERE batch_id = ?').run(plan.batchId);
    db.prepare('DELETE FROM transfer_files WHERE batch_id = ?').run(plan.batchId);
    const put = db.prepare('INSERT INTO transfer_files (batch_id, path, role, sha256, sha512, size, ord) VALUES (?, ?, ?, ?, ?, ?, ?)');
    plan.files.forEach((f, i) => put.run(plan.batchId, f.path, f.role, f.sha256, f.sha512, f.size, i));
    db.prepare('UPDATE transfers SET bagging_date = ?, commit_sha256 = ? WHERE batch_id = ?').run(plan.baggingDate, plan.commitSha256, plan.batchId);
    moveTransfer(db, actor, plan.batchId, report.ok ? 'checked' : 'failed', {
      report,
      error: report.ok ? null : { kind: 'permanent', code: 'checks_failed', message: '传输包四性检测未通过 / 四性检测 of the package failed' },
    });
  })();
}

/** The frozen bag of a packaged batch, or null before packaging. */
export function loadPlan(db: Db, batchId: string): BagPlan | null {
  const t = db.prepare('SELECT bagging_date, commit_sha256 FROM transfers WHERE batch_id = ?').get(batchId) as
    | { bagging_date: string | null; commit_sha256: string | null }
    | undefined;
  if (!t?.bagging_date || !t.commit_sha256) return null;
  const rows = db
    .prepare(
      `SELECT t.path, t.role, t.sha256, t.sha512, f.sm3, t.size, f.mime FROM transfer_files t JOIN files f ON f.sha256 = t.sha256
       WHERE t.batch_id = ? ORDER BY t.ord`,
    )
    .all(batchId) as Array<{ path: string; role: BagRole; sha256: string; sha512: string; sm3: string | null; size: number; mime: string }>;
  const files: BagFile[] = rows.map((r) => ({ ...r }));
  const payload = files.filter((f) => f.role !== 'tag');
  return {
    batchId,
    baggingDate: t.bagging_date,
    files,
    payloadBytes: payload.reduce((n, f) => n + f.size, 0),
    payloadFiles: payload.length,
    commitSha256: t.commit_sha256,
  };
}

export function transferReport(db: Db, batchId: string): FourChecksReport | null {
  const text = db.prepare('SELECT checks FROM transfers WHERE batch_id = ?').pluck().get(batchId) as string | null | undefined;
  return text ? FourChecksReport.parse(JSON.parse(text)) : null;
}

/** Transfers the sender should work on now: not paused, not waiting for a retry. */
export function dueTransfers(db: Db, now: string): TransferRow[] {
  const rows = db
    .prepare(
      `SELECT * FROM transfers
       WHERE state IN ('queued', 'packaging', 'checked', 'uploading', 'uploaded') AND paused = 0
         AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
       ORDER BY queued_at, batch_id`,
    )
    .all(now) as RawRow[];
  return rows.map(toRow);
}

/**
 * When the next batch falls due for sending (for the background sender's timer): now for one
 * without a retry time, else its retry time; null when none waits to be sent.
 */
export function nextDueAt(db: Db): string | null {
  return (db
    .prepare("SELECT min(coalesce(next_attempt_at, '0000')) FROM transfers WHERE state IN ('queued', 'packaging', 'checked', 'uploading') AND paused = 0")
    .pluck()
    .get() as string | null) ?? null;
}

export function setPaused(db: Db, actor: string, batchId: string, paused: boolean): boolean {
  return db.transaction(() => {
    const changed = db.prepare('UPDATE transfers SET paused = ?, updated_at = ? WHERE batch_id = ? AND paused <> ?').run(paused ? 1 : 0, nowIso(), batchId, paused ? 1 : 0).changes > 0;
    if (changed) appendEvent(db, { actor, kind: paused ? 'transfer.paused' : 'transfer.resumed', subject: batchId, data: { batchId } });
    return changed;
  })();
}

/** Every transfer with its progress towards the target it is going to. */
export function listTransferStatus(db: Db): TransferStatus[] {
  const rows = db
    .prepare(
      `SELECT t.*, b.name AS batch_name,
         (SELECT count(*) FROM transfer_files f WHERE f.batch_id = t.batch_id) AS files_total,
         (SELECT coalesce(sum(size), 0) FROM transfer_files f WHERE f.batch_id = t.batch_id) AS bytes_total,
         (SELECT count(*) FROM transfer_uploads u WHERE u.batch_id = t.batch_id AND u.target = t.target AND u.state = 'verified') AS files_done,
         (SELECT coalesce(sum(f.size), 0) FROM transfer_uploads u JOIN transfer_files f ON f.batch_id = u.batch_id AND f.path = u.path
            WHERE u.batch_id = t.batch_id AND u.target = t.target AND u.state = 'verified')
         + (SELECT coalesce(sum(p.size), 0) FROM transfer_parts p JOIN transfer_uploads u USING (batch_id, target, path)
            WHERE p.batch_id = t.batch_id AND p.target = t.target AND u.state = 'sending') AS bytes_done
       FROM transfers t JOIN batches b ON b.id = t.batch_id
       ORDER BY t.queued_at DESC, t.batch_id`,
    )
    .all() as Array<RawRow & {
      batch_name: string; checks_ok: number | null; queued_at: string; uploaded_at: string | null; purged_at: string | null;
      files_total: number; bytes_total: number; files_done: number; bytes_done: number;
    }>;
  return rows.map((r) => {
    const row = toRow(r);
    const done = row.state === 'uploaded' || row.state === 'acknowledged' || row.state === 'purged';
    return {
      batchId: row.batchId,
      batchName: r.batch_name,
      state: row.state,
      paused: row.paused,
      target: row.target,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      error: row.error,
      checksOk: r.checks_ok === null ? null : r.checks_ok === 1,
      filesTotal: r.files_total,
      filesDone: done ? r.files_total : r.files_done,
      bytesTotal: r.bytes_total,
      bytesDone: done ? r.bytes_total : r.bytes_done,
      queuedAt: r.queued_at,
      uploadedAt: r.uploaded_at,
      acknowledgedAt: row.acknowledgedAt,
      purgedAt: r.purged_at,
    };
  });
}
