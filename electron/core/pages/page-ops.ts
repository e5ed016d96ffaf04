import { findMaterial, type SchemeBody } from '../../../shared/filing/scheme';
import type { BatchDocument, TrashedPage } from '../../../shared/contract/filing';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { newId, nowIso } from '../util/ids';

/**
 * Arranging pages into documents (one material each) and documents into items: assign, split,
 * merge, reorder, move, trash and restore. Each call is one transaction with an audit event.
 * Pages of a filed item never move: a filed item only grows (supplements), see assignPages.
 * Each returns the batch it touched, so the caller can announce the change without asking again.
 */

/** The batch whose pages or documents an operation changed. */
export interface Touched {
  readonly batchId: string;
}

/** The title of a document whose pages are not sorted by material yet. */
export const UNSORTED = '未分类材料';

interface PageRow { id: string; batch_id: string; document_id: string; seq: number; item_id: string | null; filed_at: string | null; trashed: number }

function pageRows(db: Db, pageIds: readonly string[]): PageRow[] {
  const get = db.prepare(
    `SELECT p.id, p.batch_id, p.document_id, p.seq, d.item_id, i.filed_at,
            EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) AS trashed
     FROM pages p JOIN documents d ON d.id = p.document_id LEFT JOIN items i ON i.id = d.item_id WHERE p.id = ?`,
  );
  return pageIds.map((id) => {
    const row = get.get(id) as PageRow | undefined;
    if (!row) throw new DeskError('not_found', `没有这一页 / no page ${id}`);
    return row;
  });
}

/** Pages that may be rearranged: present, not in the trash, not part of a filed item. */
function movablePages(db: Db, pageIds: readonly string[], batchId?: string): PageRow[] {
  if (pageIds.length === 0) throw new DeskError('bad_request', '请选择页面 / choose at least one page');
  if (new Set(pageIds).size !== pageIds.length) throw new DeskError('bad_request', '页面重复 / a page is listed twice');
  const rows = pageRows(db, pageIds);
  for (const r of rows) {
    if (r.trashed) throw new DeskError('conflict', `第 ${r.seq} 页在回收站中 / page ${r.id} is in the trash`);
    if (r.filed_at) throw new DeskError('conflict', `第 ${r.seq} 页属于已归档的件，不能移动 / page ${r.id} belongs to a filed item`);
    if (batchId && r.batch_id !== batchId) throw new DeskError('bad_request', `第 ${r.seq} 页不在本批次 / page ${r.id} is in another batch`);
  }
  return rows;
}

interface DocumentRow { id: string; batch_id: string; item_id: string | null; material: string | null; title: string; filed_at: string | null }

function documentRow(db: Db, id: string): DocumentRow {
  const row = db
    .prepare('SELECT d.id, d.batch_id, d.item_id, d.material, d.title, i.filed_at FROM documents d LEFT JOIN items i ON i.id = d.item_id WHERE d.id = ?')
    .get(id) as DocumentRow | undefined;
  if (!row) throw new DeskError('not_found', `没有这份文件 / no document ${id}`);
  return row;
}

function draftDocument(db: Db, id: string): DocumentRow {
  const doc = documentRow(db, id);
  if (doc.filed_at) throw new DeskError('conflict', `文件 ${id} 属于已归档的件，不能修改 / the document belongs to a filed item`);
  return doc;
}

const livePages = (db: Db, documentId: string): string[] =>
  db.prepare('SELECT id FROM pages p WHERE document_id = ? AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) ORDER BY seq').pluck().all(documentId) as string[];

function insertDocument(db: Db, from: { batchId: string; itemId: string | null; material: string | null; title: string }): string {
  const id = newId('D');
  db.prepare('INSERT INTO documents (id, batch_id, item_id, source_file_id, material, title, created_at) VALUES (?, ?, ?, NULL, ?, ?, ?)').run(
    id, from.batchId, from.itemId, from.material, from.title, nowIso(),
  );
  return id;
}

/** Documents of draft items (or none) left without any page, trashed ones included, go away. */
function dropEmptyDocuments(db: Db, documentIds: Iterable<string>): void {
  const drop = db.prepare(
    `DELETE FROM documents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pages WHERE document_id = documents.id)
       AND (item_id IS NULL OR item_id IN (SELECT id FROM items WHERE filed_at IS NULL))`,
  );
  for (const id of new Set(documentIds)) drop.run(id);
}

/** A new document of an item holding these pages (split at sheets, catalogue links); the caller checked them. */
export function newDocumentWith(db: Db, from: { batchId: string; itemId: string; material: string | null; title: string }, pageIds: readonly string[]): string {
  const id = insertDocument(db, from);
  const move = db.prepare('UPDATE pages SET document_id = ? WHERE id = ?');
  for (const p of pageIds) move.run(id, p);
  return id;
}

/** Import documents of a batch that moves left without pages go away. */
export function dropEmptyLooseDocuments(db: Db, batchId: string): void {
  db.prepare('DELETE FROM documents WHERE batch_id = ? AND item_id IS NULL AND NOT EXISTS (SELECT 1 FROM pages WHERE document_id = documents.id)').run(batchId);
}

function movePagesTo(db: Db, rows: readonly PageRow[], documentId: string): void {
  const move = db.prepare('UPDATE pages SET document_id = ? WHERE id = ?');
  for (const r of rows) move.run(documentId, r.id);
  dropEmptyDocuments(db, rows.map((r) => r.document_id).filter((d) => d !== documentId));
}

export function materialOrThrow(scheme: SchemeBody, code: string) {
  const material = findMaterial(scheme, code);
  if (!material) throw new DeskError('bad_request', `没有这个材料类型 / no material type ${code}`);
  return material;
}

/**
 * Put pages into the item's document of a material type (created when the item has none). A
 * filed item takes new pages only as a supplement with a reason, in a document of its own, so
 * nothing filed before changes.
 */
export function assignPages(
  db: Db,
  actor: string,
  scheme: SchemeBody,
  input: { itemId: string; pageIds: readonly string[]; material: string; supplementReason?: string },
): { document: string; material: string } & Touched {
  const material = materialOrThrow(scheme, input.material);
  return db.transaction(() => {
    const item = db.prepare('SELECT id, batch_id, filed_at FROM items WHERE id = ?').get(input.itemId) as
      | { id: string; batch_id: string; filed_at: string | null }
      | undefined;
    if (!item) throw new DeskError('not_found', `没有这个件 / no item ${input.itemId}`);
    const reason = input.supplementReason?.trim() ?? '';
    if (item.filed_at && reason === '') {
      throw new DeskError('conflict', '该件已归档；补充材料请说明原因 / the item is filed: give a reason to add a supplement');
    }
    const rows = movablePages(db, input.pageIds, item.batch_id);
    const existing = item.filed_at
      ? undefined
      : (db.prepare('SELECT id FROM documents WHERE item_id = ? AND material = ? ORDER BY created_at, id LIMIT 1').pluck().get(item.id, material.code) as string | undefined);
    const document = existing ?? insertDocument(db, { batchId: item.batch_id, itemId: item.id, material: material.code, title: material.name });
    movePagesTo(db, rows, document);
    appendEvent(db, {
      actor,
      kind: item.filed_at ? 'item.supplemented' : 'pages.assigned',
      subject: item.id,
      data: { document, material: material.code, pages: input.pageIds, ...(reason ? { reason } : {}) },
    });
    return { document, material: material.code, batchId: item.batch_id };
  })();
}

/**
 * Take pages back out of their items (a page assigned by mistake): they become one loose document
 * of the batch again, unsorted, for another item or material. Pages of filed items stay put.
 */
export function unassignPages(db: Db, actor: string, pageIds: readonly string[]): { document: string } & Touched {
  return db.transaction(() => {
    const rows = movablePages(db, pageIds);
    const loose = rows.find((r) => r.item_id === null);
    if (loose) throw new DeskError('bad_request', `第 ${loose.seq} 页还没有分配给任何件 / page ${loose.id} belongs to no item`);
    const batchId = rows[0]!.batch_id;
    if (rows.some((r) => r.batch_id !== batchId)) throw new DeskError('bad_request', '只能取回同一批次的页 / the pages are in different batches');
    const document = insertDocument(db, { batchId, itemId: null, material: null, title: UNSORTED });
    movePagesTo(db, rows, document);
    appendEvent(db, { actor, kind: 'pages.unassigned', subject: batchId, data: { pages: pageIds, from: [...new Set(rows.map((r) => r.item_id))] } });
    return { document, batchId };
  })();
}

/** Split a document before one of its pages: that page and those after it form a new document. */
export function splitDocument(db: Db, actor: string, documentId: string, atPageId: string): { document: string } & Touched {
  return db.transaction(() => {
    const doc = draftDocument(db, documentId);
    const pages = livePages(db, documentId);
    const at = pages.indexOf(atPageId);
    if (at <= 0) throw new DeskError('bad_request', '拆分位置须是文件中第二页或之后的页 / split at the second page or later of the document');
    const document = insertDocument(db, { batchId: doc.batch_id, itemId: doc.item_id, material: doc.material, title: doc.title });
    movePagesTo(db, pageRows(db, pages.slice(at)), document);
    appendEvent(db, { actor, kind: 'document.split', subject: documentId, data: { at: atPageId, into: document } });
    return { document, batchId: doc.batch_id };
  })();
}

/** Merge documents into the first one, pages in their batch order. */
export function mergeDocuments(db: Db, actor: string, targetId: string, sourceIds: readonly string[]): { document: string } & Touched {
  return db.transaction(() => {
    const target = draftDocument(db, targetId);
    for (const id of sourceIds) {
      const source = draftDocument(db, id);
      if (id === targetId) throw new DeskError('bad_request', '不能与自身合并 / cannot merge a document into itself');
      if (source.batch_id !== target.batch_id) throw new DeskError('bad_request', '只能合并同一批次的文件 / documents are in different batches');
      movePagesTo(db, pageRows(db, livePages(db, id)), targetId);
    }
    appendEvent(db, { actor, kind: 'document.merged', subject: targetId, data: { from: sourceIds } });
    return { document: targetId, batchId: target.batch_id };
  })();
}

/**
 * Put a document's pages in a new order. Pages are ordered by their place in the batch, so the
 * document's places are dealt out again in the new order (through negative numbers, to pass the
 * uniqueness of places on the way).
 */
export function reorderPages(db: Db, actor: string, documentId: string, pageIds: readonly string[]): Touched {
  return db.transaction(() => {
    const doc = draftDocument(db, documentId);
    const pages = livePages(db, documentId);
    if (pages.length !== pageIds.length || [...pages].sort().join() !== [...pageIds].sort().join()) {
      throw new DeskError('bad_request', '新顺序须恰好包含该文件的全部页面 / the new order must list exactly the document\'s pages');
    }
    const seqOf = db.prepare('SELECT seq FROM pages WHERE id = ?').pluck();
    const seqs = pages.map((id) => seqOf.get(id) as number).sort((a, b) => a - b);
    const set = db.prepare('UPDATE pages SET seq = ? WHERE id = ?');
    pageIds.forEach((id, i) => set.run(-seqs[i]!, id));
    pageIds.forEach((id, i) => set.run(seqs[i]!, id));
    appendEvent(db, { actor, kind: 'pages.reordered', subject: documentId, data: { pages: pageIds } });
    return { batchId: doc.batch_id };
  })();
}

export function movePages(db: Db, actor: string, pageIds: readonly string[], toDocumentId: string): Touched {
  return db.transaction(() => {
    const target = draftDocument(db, toDocumentId);
    movePagesTo(db, movablePages(db, pageIds, target.batch_id), toDocumentId);
    appendEvent(db, { actor, kind: 'pages.moved', subject: toDocumentId, data: { pages: pageIds } });
    return { batchId: target.batch_id };
  })();
}

/** Change a document's material type (a correction the classifier learns from, see classify). */
export function setMaterial(db: Db, actor: string, scheme: SchemeBody, documentId: string, code: string): { previous: string | null } & Touched {
  const material = materialOrThrow(scheme, code);
  return db.transaction(() => {
    const doc = draftDocument(db, documentId);
    db.prepare('UPDATE documents SET material = ?, title = ? WHERE id = ?').run(material.code, material.name, documentId);
    appendEvent(db, { actor, kind: 'document.material', subject: documentId, data: { from: doc.material, to: material.code } });
    return { previous: doc.material, batchId: doc.batch_id };
  })();
}

/**
 * Move pages to the trash: out of every list, kept with the document they return to. The batch
 * returned is the first page's (the screens trash pages of the batch they show).
 */
export function trashPages(db: Db, actor: string, pageIds: readonly string[], reason: string): Touched {
  if (reason.trim() === '') throw new DeskError('bad_request', '请说明删除原因 / give a reason');
  return db.transaction(() => {
    const rows = movablePages(db, pageIds);
    const put = db.prepare('INSERT INTO page_trash (page_id, reason, actor, at) VALUES (?, ?, ?, ?)');
    for (const id of pageIds) put.run(id, reason.trim(), actor, nowIso());
    appendEvent(db, { actor, kind: 'pages.trashed', subject: pageIds[0]!, data: { pages: pageIds, reason: reason.trim() } });
    return { batchId: rows[0]!.batch_id };
  })();
}

/** Take pages back out of the trash; the batch returned is the first page's, as for trashPages. */
export function restorePages(db: Db, actor: string, pageIds: readonly string[]): Touched {
  if (pageIds.length === 0) throw new DeskError('bad_request', '请选择页面 / choose at least one page');
  return db.transaction(() => {
    const rows = pageRows(db, pageIds);
    for (const r of rows) {
      if (!r.trashed) throw new DeskError('conflict', `第 ${r.seq} 页不在回收站 / page ${r.id} is not in the trash`);
      if (r.filed_at) throw new DeskError('conflict', `第 ${r.seq} 页原属的件已归档 / the page's item was filed meanwhile`);
    }
    const take = db.prepare('DELETE FROM page_trash WHERE page_id = ?');
    for (const id of pageIds) take.run(id);
    appendEvent(db, { actor, kind: 'pages.restored', subject: pageIds[0]!, data: { pages: pageIds } });
    return { batchId: rows[0]!.batch_id };
  })();
}

export function listTrash(db: Db, batchId: string): TrashedPage[] {
  return db
    .prepare(
      `SELECT t.page_id AS page, p.document_id AS document, p.seq, v.sha256 AS thumbSha256, t.reason, t.actor, t.at
       FROM page_trash t JOIN pages p ON p.id = t.page_id
       JOIN derivatives v ON v.page_id = p.id AND v.kind = 'thumbnail'
       WHERE p.batch_id = ? ORDER BY t.at, p.seq`,
    )
    .all(batchId) as TrashedPage[];
}

/** The batch's documents that hold live pages, in the order of their first page. */
export function listBatchDocuments(db: Db, batchId: string): BatchDocument[] {
  const rows = db
    .prepare(
      `SELECT d.id, d.item_id, d.material, d.title, i.filed_at IS NOT NULL AS filed,
              (SELECT group_concat(id, ',') FROM (SELECT id FROM pages p WHERE p.document_id = d.id
                 AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) ORDER BY p.seq)) AS page_ids,
              (SELECT min(seq) FROM pages p WHERE p.document_id = d.id
                 AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id)) AS first_seq
       FROM documents d LEFT JOIN items i ON i.id = d.item_id
       WHERE d.batch_id = ? AND first_seq IS NOT NULL ORDER BY first_seq`,
    )
    .all(batchId) as Array<{ id: string; item_id: string | null; material: string | null; title: string; filed: number; page_ids: string }>;
  return rows.map((r) => ({ id: r.id, itemId: r.item_id, material: r.material, title: r.title, pageIds: r.page_ids.split(','), filed: r.filed === 1 }));
}
