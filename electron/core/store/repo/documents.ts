import type { Db } from '../open-database';

export interface DocumentRecord {
  readonly id: string;
  readonly batchId: string;
  readonly itemId: string | null;
  readonly material: string | null;
  readonly title: string;
  readonly pageIds: string[];
  readonly createdAt: string;
  [key: string]: unknown;
}

export interface ItemRecord {
  readonly id: string;
  readonly batchId: string;
  readonly business: string | null;
  readonly state: string;
  readonly createdAt: string;
  [key: string]: unknown;
}

interface DocumentRow { id: string; batch_id: string; item_id: string | null; material: string | null; title: string; created_at: string; page_ids: string | null }

const toDocument = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  batchId: r.batch_id,
  itemId: r.item_id,
  material: r.material,
  title: r.title,
  pageIds: r.page_ids ? r.page_ids.split(',') : [],
  createdAt: r.created_at,
});

const DOCUMENTS = `
  SELECT d.*, (SELECT group_concat(id, ',') FROM (SELECT id FROM pages WHERE document_id = d.id
    AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = pages.id) ORDER BY seq)) AS page_ids
  FROM documents d`;

export function listDocuments(db: Db, batchId: string): DocumentRecord[] {
  return (db.prepare(`${DOCUMENTS} WHERE d.batch_id = ? ORDER BY d.created_at, d.id`).all(batchId) as DocumentRow[]).map(toDocument);
}

export function getDocument(db: Db, id: string): DocumentRecord | undefined {
  const r = db.prepare(`${DOCUMENTS} WHERE d.id = ?`).get(id) as DocumentRow | undefined;
  return r && toDocument(r);
}

export function listItems(db: Db, batchId: string): ItemRecord[] {
  const rows = db.prepare('SELECT * FROM items WHERE batch_id = ? ORDER BY created_at, id').all(batchId) as Array<{
    id: string; batch_id: string; business: string | null; state: string; created_at: string;
  }>;
  return rows.map((r) => ({ id: r.id, batchId: r.batch_id, business: r.business, state: r.state, createdAt: r.created_at }));
}
