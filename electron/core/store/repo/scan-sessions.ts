import { ScanSettings, type ScanError, type ScanSession } from '../../../../shared/contract';
import { appendEvent } from '../../audit/event-log';
import type { ProcessedFile } from '../../media/types';
import { newId, nowIso } from '../../util/ids';
import type { Db } from '../open-database';
import { commitImportedFile, findInBatch, type CommitOutcome } from './source-files';

type SessionState = ScanSession['state'];

interface SessionRow {
  id: string;
  batch_id: string;
  settings: string;
  pid: number;
  state: SessionState;
  error_code: ScanError['code'] | null;
  error_message: string | null;
  started_at: string;
  ended_at: string | null;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Sessions left 'scanning' by a process that is gone (crash, power cut) are marked interrupted. */
export function markInterrupted(db: Db): void {
  const rows = db.prepare("SELECT id, pid FROM scan_sessions WHERE state = 'scanning'").all() as Array<{ id: string; pid: number }>;
  const stale = rows.filter((r) => r.pid !== process.pid && !isAlive(r.pid));
  const update = db.prepare("UPDATE scan_sessions SET state = 'interrupted', ended_at = ? WHERE id = ? AND state = 'scanning'");
  for (const r of stale) update.run(nowIso(), r.id);
}

export function createSession(db: Db, actor: string, batchId: string, settings: ScanSettings): string {
  const id = newId('S');
  db.transaction(() => {
    db.prepare(
      "INSERT INTO scan_sessions (id, batch_id, settings, actor, pid, state, started_at) VALUES (?, ?, ?, ?, ?, 'scanning', ?)",
    ).run(id, batchId, JSON.stringify(settings), actor, process.pid, nowIso());
    appendEvent(db, { actor, kind: 'scan.started', subject: id, data: { batchId, device: settings.device, source: settings.source, dpi: settings.dpi, mode: settings.mode } });
  })();
  return id;
}

export type ResumeOutcome =
  | { readonly kind: 'resumed'; readonly settings: ScanSettings }
  | { readonly kind: 'refused'; readonly reason: 'not_found' | 'running' };

/** Continue a session after a fault or a cancel: same settings, numbering goes on. */
export function resumeSession(db: Db, actor: string, id: string, batchId: string): ResumeOutcome {
  return db.transaction((): ResumeOutcome => {
    markInterrupted(db);
    const row = db.prepare('SELECT * FROM scan_sessions WHERE id = ? AND batch_id = ?').get(id, batchId) as SessionRow | undefined;
    if (!row) return { kind: 'refused', reason: 'not_found' };
    if (row.state === 'scanning') return { kind: 'refused', reason: 'running' };
    db.prepare(
      "UPDATE scan_sessions SET state = 'scanning', pid = ?, error_code = NULL, error_message = NULL, ended_at = NULL WHERE id = ?",
    ).run(process.pid, id);
    appendEvent(db, { actor, kind: 'scan.resumed', subject: id, data: { batchId } });
    return { kind: 'resumed', settings: ScanSettings.parse(JSON.parse(row.settings)) };
  })();
}

export function finishSession(db: Db, actor: string, id: string, state: Exclude<SessionState, 'scanning'>, error: ScanError | null): void {
  db.transaction(() => {
    db.prepare('UPDATE scan_sessions SET state = ?, error_code = ?, error_message = ?, ended_at = ? WHERE id = ?').run(
      state,
      error?.code ?? null,
      error?.message ?? null,
      nowIso(),
      id,
    );
    appendEvent(db, { actor, kind: 'scan.finished', subject: id, data: { state, error, pages: sessionPageCount(db, id) } });
  })();
}

export function sessionPageCount(db: Db, id: string): number {
  return db
    .prepare('SELECT coalesce(sum(s.page_count), 0) FROM captured_files c JOIN source_files s ON s.id = c.source_file_id WHERE c.session_id = ?')
    .pluck()
    .get(id) as number;
}

/** The next capture number of a session: one past the last committed. */
export function nextCaptureSeq(db: Db, id: string): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) FROM captured_files WHERE session_id = ?').pluck().get(id) as number) + 1;
}

const toSession = (db: Db, r: SessionRow): ScanSession => ({
  id: r.id,
  batchId: r.batch_id,
  settings: ScanSettings.parse(JSON.parse(r.settings)),
  state: r.state,
  pages: sessionPageCount(db, r.id),
  error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});

export function getSession(db: Db, id: string): ScanSession | undefined {
  const row = db.prepare('SELECT * FROM scan_sessions WHERE id = ?').get(id) as SessionRow | undefined;
  return row ? toSession(db, row) : undefined;
}

export function listSessions(db: Db, batchId: string): ScanSession[] {
  markInterrupted(db);
  const rows = db.prepare('SELECT * FROM scan_sessions WHERE batch_id = ? ORDER BY started_at DESC, id DESC').all(batchId) as SessionRow[];
  return rows.map((r) => toSession(db, r));
}

export interface CaptureCommit {
  readonly batchId: string;
  readonly sessionId: string;
  readonly seq: number;
  readonly sheet: number | null;
  readonly side: 'front' | 'back' | null;
  readonly name: string;
  readonly originalPath: string;
  readonly file: ProcessedFile;
}

/**
 * Commit one capture like an imported file, plus its place in the session, in one transaction.
 * A capture number already committed (a retried commit) or content already in the batch (a hot
 * folder file dropped twice) is reported as a duplicate and stored nothing.
 */
export function commitCapturedFile(db: Db, actor: string, input: CaptureCommit, pathOf: (sha256: string) => string): CommitOutcome {
  return db.transaction((): CommitOutcome => {
    const again = db
      .prepare('SELECT source_file_id FROM captured_files WHERE session_id = ? AND seq = ?')
      .pluck()
      .get(input.sessionId, input.seq) as string | undefined;
    if (again) return { kind: 'duplicate', existing: again };
    const outcome = commitImportedFile(db, actor, input, pathOf);
    if (outcome.kind === 'imported') {
      const source = findInBatch(db, input.batchId, input.file.sha256)!;
      db.prepare('INSERT INTO captured_files (source_file_id, session_id, seq, sheet, side, captured_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        source.id,
        input.sessionId,
        input.seq,
        input.sheet,
        input.side,
        nowIso(),
      );
    }
    return outcome;
  })();
}
