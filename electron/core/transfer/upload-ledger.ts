import type { Db } from '../store/open-database';
import { nowIso } from '../util/ids';

export type UploadState = 'sending' | 'verified';

export interface ConfirmedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
  /** Base64, as S3 wants it in the completion request. */
  readonly sha256: string;
}

/**
 * What one target holds of one bag, as far as this station has verified it. Every row is
 * committed before the step it guards returns, so after a crash the sender knows: `verified`
 * needs nothing, `sending` may or may not have arrived (check before sending again), no row means
 * never sent. Multipart uploads keep their upload id and the parts the server confirmed.
 */
export class UploadLedger {
  constructor(
    private readonly db: Db,
    readonly batchId: string,
    readonly target: string,
  ) {}

  states(): Map<string, { state: UploadState; uploadId: string | null }> {
    const rows = this.db
      .prepare('SELECT path, state, upload_id FROM transfer_uploads WHERE batch_id = ? AND target = ?')
      .all(this.batchId, this.target) as Array<{ path: string; state: UploadState; upload_id: string | null }>;
    return new Map(rows.map((r) => [r.path, { state: r.state, uploadId: r.upload_id }]));
  }

  private upsert(path: string, state: UploadState, uploadId: string | null): void {
    this.db
      .prepare(
        `INSERT INTO transfer_uploads (batch_id, target, path, state, upload_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (batch_id, target, path) DO UPDATE SET state = excluded.state, upload_id = excluded.upload_id, updated_at = excluded.updated_at`,
      )
      .run(this.batchId, this.target, path, state, uploadId, nowIso());
  }

  /**
   * About to be sent, in one transaction for many files: a commit costs milliseconds of fsync,
   * and marking a few files early only means a look before sending them after a crash.
   */
  markSending(paths: readonly string[]): void {
    const mark = this.db.prepare(
      `INSERT INTO transfer_uploads (batch_id, target, path, state, upload_id, updated_at) VALUES (?, ?, ?, 'sending', NULL, ?)
       ON CONFLICT (batch_id, target, path) DO UPDATE SET state = 'sending', updated_at = excluded.updated_at`,
    );
    const at = nowIso();
    this.db.transaction(() => paths.forEach((p) => mark.run(this.batchId, this.target, p, at)))();
  }

  /**
   * Verified by reading back (confirmed parts are no longer needed), many in one transaction. A
   * file verified but not yet recorded when the process dies is read back again, not re-sent.
   */
  markVerified(paths: readonly string[]): void {
    const dropParts = this.db.prepare('DELETE FROM transfer_parts WHERE batch_id = ? AND target = ? AND path = ?');
    this.db.transaction(() => {
      for (const path of paths) {
        this.upsert(path, 'verified', null);
        dropParts.run(this.batchId, this.target, path);
      }
    })();
  }

  /** Start over for these files (found altered or missing on the target). */
  reset(paths: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM transfer_uploads WHERE batch_id = ? AND target = ? AND path = ?');
    this.db.transaction(() => paths.forEach((p) => del.run(this.batchId, this.target, p)))();
  }

  /** A new multipart upload (or none): parts confirmed for an earlier upload id no longer count. */
  setUploadId(path: string, uploadId: string | null): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM transfer_parts WHERE batch_id = ? AND target = ? AND path = ?').run(this.batchId, this.target, path);
      this.upsert(path, 'sending', uploadId);
    })();
  }

  parts(path: string, uploadId: string): Map<number, ConfirmedPart> {
    const rows = this.db
      .prepare('SELECT part_number, etag, size, sha256 FROM transfer_parts WHERE batch_id = ? AND target = ? AND path = ? AND upload_id = ?')
      .all(this.batchId, this.target, path, uploadId) as Array<{ part_number: number; etag: string; size: number; sha256: string }>;
    return new Map(rows.map((r) => [r.part_number, { partNumber: r.part_number, etag: r.etag, size: r.size, sha256: r.sha256 }]));
  }

  savePart(path: string, uploadId: string, part: ConfirmedPart): void {
    this.db
      .prepare(
        `INSERT INTO transfer_parts (batch_id, target, path, upload_id, part_number, etag, size, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (batch_id, target, path, part_number)
         DO UPDATE SET upload_id = excluded.upload_id, etag = excluded.etag, size = excluded.size, sha256 = excluded.sha256`,
      )
      .run(this.batchId, this.target, path, uploadId, part.partNumber, part.etag, part.size, part.sha256);
  }
}
