import type { Batch, BatchKind } from '../../../../shared/contract';
import { appendEvent } from '../../audit/event-log';
import { newId, nowIso } from '../../util/ids';
import type { Db } from '../open-database';

interface BatchRow {
  id: string;
  name: string;
  kind: BatchKind;
  business: string | null;
  state: 'open' | 'closed';
  created_at: string;
  page_count: number;
  file_count: number;
  rejected_count: number;
}

const SELECT = `
  SELECT b.*,
    (SELECT count(*) FROM pages p WHERE p.batch_id = b.id) AS page_count,
    (SELECT count(*) FROM source_files s WHERE s.batch_id = b.id) AS file_count,
    (SELECT count(*) FROM rejections r WHERE r.batch_id = b.id) AS rejected_count
  FROM batches b`;

const toBatch = (r: BatchRow): Batch => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  business: r.business,
  state: r.state,
  createdAt: r.created_at,
  pageCount: r.page_count,
  fileCount: r.file_count,
  rejectedCount: r.rejected_count,
});

export function listBatches(db: Db): Batch[] {
  return (db.prepare(`${SELECT} ORDER BY b.created_at DESC, b.id DESC`).all() as BatchRow[]).map(toBatch);
}

export function getBatch(db: Db, id: string): Batch | undefined {
  const row = db.prepare(`${SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  return row && toBatch(row);
}

/** A batch by id, or else by its (unique) name. */
export function findBatch(db: Db, idOrName: string): Batch | undefined {
  const row = db.prepare(`${SELECT} WHERE b.id = ? OR b.name = ? LIMIT 1`).get(idOrName, idOrName) as
    | BatchRow
    | undefined;
  return row && toBatch(row);
}

export function createBatch(
  db: Db,
  actor: string,
  input: { name: string; kind: BatchKind; business: string | null },
): Batch {
  const id = newId('B');
  const at = nowIso();
  db.transaction(() => {
    db.prepare(
      'INSERT INTO batches (id, name, kind, business, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(id, input.name, input.kind, input.business, 'open', at, at);
    appendEvent(db, { actor, kind: 'batch.created', subject: id, data: { ...input } });
  })();
  return getBatch(db, id)!;
}
