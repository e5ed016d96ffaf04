import { z } from 'zod';
import { PageStep, type Batch } from '../../../shared/contract';
import type { ChainedEvent } from '../audit/event-log';
import type { Db } from '../store/open-database';
import { getBatch } from '../store/repo/batches';
import { listDocuments, listItems, type DocumentRecord, type ItemRecord } from '../store/repo/documents';
import { getStation, type Station } from '../store/repo/station';

/** A stored object as a batch's rows describe it: what was recorded at capture. */
export interface RecordedObject {
  readonly sha256: string;
  /** SM3 recorded at capture; null for objects stored before SM3 was recorded. */
  readonly sm3: string | null;
  readonly size: number;
  readonly mime: string;
}

export interface RecordedDerivative extends RecordedObject {
  readonly width: number;
  readonly height: number;
  readonly steps: readonly PageStep[];
}

export interface SourceRecord extends RecordedObject {
  readonly id: string;
  readonly name: string;
  readonly pageCount: number;
  readonly importedAt: string;
}

export interface PageRecord {
  readonly id: string;
  readonly seq: number;
  readonly documentId: string;
  readonly sourceFileId: string;
  readonly pageIndex: number;
  readonly width: number;
  readonly height: number;
  readonly dpi: number | null;
  readonly flags: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly image: RecordedDerivative | null;
  readonly thumbnail: RecordedDerivative | null;
}

/** Everything the store knows about one batch, read in one snapshot for packaging and checks. */
export interface BatchRecords {
  readonly batch: Batch;
  readonly station: Station;
  readonly sources: readonly SourceRecord[];
  readonly pages: readonly PageRecord[];
  readonly documents: readonly DocumentRecord[];
  readonly items: readonly ItemRecord[];
  /**
   * The audit events about this batch and its parts, in log order: its files, documents, items,
   * catalogues and pages (rotations, trash and restore, QC verdicts, rescans), so the bag carries them.
   */
  readonly events: readonly ChainedEvent[];
}

const Steps = z.array(PageStep);

export function readBatchRecords(db: Db, batchId: string): BatchRecords {
  // A read transaction: an import committing meanwhile cannot give a half-old, half-new picture.
  return db.transaction((): BatchRecords => {
    const batch = getBatch(db, batchId);
    if (!batch) throw new Error(`no batch ${batchId}`);
    const sources = (
      db
        .prepare(
          `SELECT s.id, s.name, s.page_count, s.imported_at, f.sha256, f.sm3, f.size, f.mime
           FROM source_files s JOIN files f ON f.sha256 = s.sha256
           WHERE s.batch_id = ?
           ORDER BY (SELECT min(seq) FROM pages p WHERE p.source_file_id = s.id), s.imported_at, s.id`,
        )
        .all(batchId) as Array<{ id: string; name: string; page_count: number; imported_at: string; sha256: string; sm3: string | null; size: number; mime: string }>
    ).map((r) => ({ id: r.id, name: r.name, pageCount: r.page_count, importedAt: r.imported_at, sha256: r.sha256, sm3: r.sm3, size: r.size, mime: r.mime }));

    const derivatives = db
      .prepare(
        `SELECT d.page_id, d.kind, d.sha256, d.width, d.height, d.mime, d.steps, f.size, f.sm3
         FROM derivatives d JOIN pages p ON p.id = d.page_id LEFT JOIN files f ON f.sha256 = d.sha256
         WHERE p.batch_id = ?`,
      )
      .all(batchId) as Array<{ page_id: string; kind: 'image' | 'thumbnail'; sha256: string; width: number; height: number; mime: string; steps: string; size: number | null; sm3: string | null }>;
    const byPage = new Map<string, { image?: RecordedDerivative; thumbnail?: RecordedDerivative }>();
    for (const d of derivatives) {
      const entry = byPage.get(d.page_id) ?? {};
      entry[d.kind] = { sha256: d.sha256, sm3: d.sm3, size: d.size ?? -1, mime: d.mime, width: d.width, height: d.height, steps: Steps.parse(JSON.parse(d.steps)) };
      byPage.set(d.page_id, entry);
    }
    const pages = (
      db.prepare('SELECT * FROM pages WHERE batch_id = ? ORDER BY seq').all(batchId) as Array<{
        id: string; seq: number; document_id: string; source_file_id: string; page_index: number; width: number; height: number; dpi: number | null; flags: string; created_at: string;
      }>
    ).map((r) => ({
      id: r.id,
      seq: r.seq,
      documentId: r.document_id,
      sourceFileId: r.source_file_id,
      pageIndex: r.page_index,
      width: r.width,
      height: r.height,
      dpi: r.dpi,
      flags: JSON.parse(r.flags) as Record<string, unknown>,
      createdAt: r.created_at,
      image: byPage.get(r.id)?.image ?? null,
      thumbnail: byPage.get(r.id)?.thumbnail ?? null,
    }));

    const events = (
      db
        .prepare(
          `SELECT id, at, actor, kind, subject, data, prev_hash, hash FROM events
           WHERE subject = :batch
              OR json_extract(data, '$.batchId') = :batch
              OR subject IN (SELECT id FROM source_files WHERE batch_id = :batch)
              OR subject IN (SELECT id FROM documents WHERE batch_id = :batch)
              OR subject IN (SELECT id FROM items WHERE batch_id = :batch)
              OR subject IN (SELECT id FROM pages WHERE batch_id = :batch)
              OR subject IN (SELECT id FROM catalogues WHERE batch_id = :batch)
              OR EXISTS (SELECT 1 FROM json_each(events.data, '$.pages') j JOIN pages p ON p.id = j.value WHERE p.batch_id = :batch)
           ORDER BY id`,
        )
        .all({ batch: batchId }) as Array<{ id: number; at: string; actor: string; kind: string; subject: string; data: string; prev_hash: string; hash: string }>
    ).map((r) => ({ id: r.id, at: r.at, actor: r.actor, kind: r.kind, subject: r.subject, data: r.data, prevHash: r.prev_hash, hash: r.hash }));

    return {
      batch,
      station: getStation(db),
      sources,
      pages,
      documents: listDocuments(db, batchId),
      items: listItems(db, batchId),
      events,
    };
  })();
}
