import type { Db } from '../store/open-database';

/** A page as the PDF needs it: its current page image and that image's size. */
export interface ExportPage {
  readonly pageId: string;
  readonly imageSha256: string;
  readonly width: number;
  readonly height: number;
  readonly dpi: number | null;
}

export interface ExportTarget {
  readonly kind: 'page' | 'document' | 'item' | 'dossier' | 'batch';
  readonly id: string;
  readonly title: string;
  readonly archivalCode: string | null;
  /** The business date (items) or creation date, YYYY-MM-DD. */
  readonly date: string | null;
  readonly pages: readonly ExportPage[];
}

// Pages taken out of their document (page_trash) are not part of what is exported.
const PAGES = `
  SELECT p.id AS pageId, d.sha256 AS imageSha256, d.width AS width, d.height AS height, p.dpi AS dpi
  FROM pages p
  JOIN derivatives d ON d.page_id = p.id AND d.kind = 'image'
  JOIN documents doc ON doc.id = p.document_id
  WHERE NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id)`;

/**
 * What an id names (a page, document, item, dossier or batch) and its pages in order: documents
 * of an item in the order they were made, items of a dossier in filing order.
 */
export function resolveExportTarget(db: Db, id: string): ExportTarget | null {
  const one = <T>(sql: string): T | undefined => db.prepare(sql).get(id) as T | undefined;
  const pages = (where: string, order: string) => db.prepare(`${PAGES} AND ${where} ORDER BY ${order}`).all(id) as ExportPage[];

  const page = one<{ seq: number; title: string; created_at: string }>(
    'SELECT p.seq, doc.title, p.created_at FROM pages p JOIN documents doc ON doc.id = p.document_id WHERE p.id = ?',
  );
  if (page) {
    return { kind: 'page', id, title: `${page.title} · ${page.seq}`, archivalCode: null, date: day(page.created_at), pages: pages('p.id = ?', 'p.seq') };
  }
  const document = one<{ title: string; item_id: string | null; created_at: string }>('SELECT title, item_id, created_at FROM documents WHERE id = ?');
  if (document) {
    return {
      kind: 'document', id, title: document.title, archivalCode: codeOf(db, document.item_id),
      date: day(document.created_at), pages: pages('p.document_id = ?', 'p.seq'),
    };
  }
  const item = one<{ business: string | null; business_date: string | null; created_at: string }>(
    'SELECT business, business_date, created_at FROM items WHERE id = ?',
  );
  if (item) {
    const code = codeOf(db, id);
    return {
      kind: 'item', id, title: code ?? `${item.business ?? '件'} ${item.business_date ?? ''}`.trim(), archivalCode: code,
      date: item.business_date ?? day(item.created_at), pages: pages('doc.item_id = ?', 'doc.created_at, doc.id, p.seq'),
    };
  }
  const dossier = one<{ title: string; created_at: string }>('SELECT title, created_at FROM dossiers WHERE id = ?');
  if (dossier) {
    return {
      kind: 'dossier', id, title: dossier.title, archivalCode: null, date: day(dossier.created_at),
      pages: pages(
        'doc.item_id IN (SELECT item_id FROM dossier_items WHERE dossier_id = ?)',
        '(SELECT seq FROM dossier_items di WHERE di.item_id = doc.item_id), doc.created_at, doc.id, p.seq',
      ),
    };
  }
  const batch = db.prepare('SELECT id, name, created_at FROM batches WHERE id = @id OR name = @id').get({ id }) as
    | { id: string; name: string; created_at: string }
    | undefined;
  if (batch) {
    return {
      kind: 'batch', id: batch.id, title: batch.name, archivalCode: null, date: day(batch.created_at),
      pages: db.prepare(`${PAGES} AND p.batch_id = ? ORDER BY p.seq`).all(batch.id) as ExportPage[],
    };
  }
  return null;
}

function codeOf(db: Db, itemId: string | null): string | null {
  if (itemId === null) return null;
  return (db.prepare('SELECT code FROM archival_codes WHERE item_id = ?').pluck().get(itemId) as string | undefined) ?? null;
}

const day = (iso: string): string => iso.slice(0, 10);
