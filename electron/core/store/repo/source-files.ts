import type { FileError, Rejection } from '../../../../shared/contract';
import { appendEvent } from '../../audit/event-log';
import type { ProcessedFile, StoredImage } from '../../media/types';
import { MIME } from '../../media/types';
import { newId, nowIso } from '../../util/ids';
import { duplicateFlags, findDuplicate, recordFingerprint } from './page-fingerprints';
import { claimObjects } from './purged-objects';
import type { Db } from '../open-database';

/** The source file already holding this content in the batch, if any. */
export function findInBatch(db: Db, batchId: string, sha256: string): { id: string; name: string } | undefined {
  return db.prepare('SELECT id, name FROM source_files WHERE batch_id = ? AND sha256 = ?').get(batchId, sha256) as
    | { id: string; name: string }
    | undefined;
}

export type CommitOutcome =
  | { readonly kind: 'imported'; readonly documentId: string; readonly pages: number }
  | { readonly kind: 'duplicate'; readonly existing: string };

/**
 * Record one processed original with its document, pages and derivatives in a single
 * transaction: after a crash a file is either wholly in the batch or not at all. Every object
 * the rows point to was committed to disk before this runs; one a purge pass removed since
 * throws ObjectsGone (claimObjects), and nothing is recorded.
 */
export function commitImportedFile(
  db: Db,
  actor: string,
  input: { batchId: string; name: string; originalPath: string; file: ProcessedFile },
  pathOf: (sha256: string) => string,
): CommitOutcome {
  const { batchId, name, originalPath, file } = input;
  return db.transaction((): CommitOutcome => {
    const existing = findInBatch(db, batchId, file.sha256);
    if (existing) return { kind: 'duplicate', existing: existing.id };
    claimObjects(db, pathOf, [file.sha256, ...file.pages.flatMap((p) => [p.image.sha256, p.thumbnail.sha256])]);
    const at = nowIso();
    const putFile = db.prepare('INSERT OR IGNORE INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)');
    const putImage = (img: StoredImage) => putFile.run(img.sha256, img.size, img.mime, at);
    putFile.run(file.sha256, file.size, MIME[file.format], at);
    const sourceId = newId('F');
    db.prepare(
      'INSERT INTO source_files (id, batch_id, sha256, name, original_path, page_count, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(sourceId, batchId, file.sha256, name, originalPath, file.pages.length, at);
    const documentId = newId('D');
    db.prepare(
      'INSERT INTO documents (id, batch_id, item_id, source_file_id, material, title, created_at) VALUES (?, ?, NULL, ?, NULL, ?, ?)',
    ).run(documentId, batchId, sourceId, name, at);
    let seq = (db.prepare('SELECT coalesce(max(seq), 0) FROM pages WHERE batch_id = ?').pluck().get(batchId) as number);
    const putPage = db.prepare(
      `INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const putDerivative = db.prepare(
      `INSERT INTO derivatives (id, page_id, kind, sha256, width, height, mime, steps, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const page of file.pages) {
      const pageId = newId('P');
      const flags = { ...page.flags, ...duplicateFlags(findDuplicate(db, batchId, page.analysis)) };
      putPage.run(pageId, batchId, documentId, sourceId, page.index, ++seq, page.width, page.height, page.dpi, JSON.stringify(flags), at);
      recordFingerprint(db, pageId, batchId, page.analysis);
      putImage(page.image);
      putImage(page.thumbnail);
      const steps = JSON.stringify(page.steps);
      putDerivative.run(newId('V'), pageId, 'image', page.image.sha256, page.image.width, page.image.height, page.image.mime, steps, at);
      const thumbSteps = JSON.stringify([...page.steps, { op: 'resize', width: page.thumbnail.width }]);
      putDerivative.run(newId('V'), pageId, 'thumbnail', page.thumbnail.sha256, page.thumbnail.width, page.thumbnail.height, page.thumbnail.mime, thumbSteps, at);
    }
    db.prepare('UPDATE batches SET updated_at = ? WHERE id = ?').run(at, batchId);
    db.prepare('DELETE FROM rejections WHERE batch_id = ? AND file = ?').run(batchId, originalPath);
    appendEvent(db, {
      actor,
      kind: 'file.imported',
      subject: sourceId,
      data: { batchId, name, sha256: file.sha256, size: file.size, pages: file.pages.length },
    });
    return { kind: 'imported', documentId, pages: file.pages.length };
  })();
}

export function recordRejection(db: Db, actor: string, batchId: string, file: string, error: FileError): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO rejections (batch_id, file, code, message, at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (batch_id, file) DO UPDATE SET code = excluded.code, message = excluded.message, at = excluded.at`,
    ).run(batchId, file, error.code, error.message, nowIso());
    appendEvent(db, { actor, kind: 'file.rejected', subject: batchId, data: { file, ...error } });
  })();
}

export function listRejections(db: Db, batchId: string): Rejection[] {
  const rows = db.prepare('SELECT * FROM rejections WHERE batch_id = ? ORDER BY id').all(batchId) as Array<{
    id: number; batch_id: string; file: string; code: FileError['code']; message: string; at: string;
  }>;
  return rows.map((r) => ({ id: r.id, batchId: r.batch_id, file: r.file, error: { code: r.code, message: r.message }, at: r.at }));
}
