import type { SearchFilters, SearchHit, SearchKind, SearchRefusal } from '../../../shared/contract/search-api';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { maskLine } from '../../../shared/search/mask-text';
import { searchTerms } from '../../../shared/search/search-query';
import { makeSnippet } from '../../../shared/search/snippet';
import type { Db } from '../store/open-database';
import { cachedStatement } from '../store/statement-cache';
import { findMatches } from './match-query';
import { compactText, recordText } from './record-text';
import { scopeOf } from './search-scope';

interface Place {
  readonly title: string;
  readonly batchId: string | null;
  readonly pageId: string | null;
}

const FIRST_PAGE_OF_DOCUMENT = `(SELECT p.id FROM pages p WHERE p.document_id = d.id
  AND NOT EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = p.id) ORDER BY p.seq LIMIT 1)`;

/** What a hit is called and where the UI opens it. */
function placeOf(db: Db, kind: SearchKind, id: string): Place {
  switch (kind) {
    case 'page': {
      const r = cachedStatement(db, 'SELECT p.batch_id AS batchId, p.seq, b.name FROM pages p JOIN batches b ON b.id = p.batch_id WHERE p.id = ?').get(id) as
        { batchId: string; seq: number; name: string };
      return { title: `${r.name} #${r.seq}`, batchId: r.batchId, pageId: id };
    }
    case 'document': {
      const r = cachedStatement(db, `SELECT d.batch_id AS batchId, d.title, ${FIRST_PAGE_OF_DOCUMENT} AS pageId FROM documents d WHERE d.id = ?`).get(id) as Place;
      return r;
    }
    case 'item': {
      const r = cachedStatement(
        db,
        `SELECT i.batch_id AS batchId, coalesce(c.code, i.business || ' ' || i.business_date) AS title,
           (SELECT ${FIRST_PAGE_OF_DOCUMENT} FROM documents d WHERE d.item_id = i.id AND ${FIRST_PAGE_OF_DOCUMENT} IS NOT NULL
            ORDER BY d.created_at, d.id LIMIT 1) AS pageId
         FROM items i LEFT JOIN archival_codes c ON c.item_id = i.id WHERE i.id = ?`,
      ).get(id) as Place;
      return r;
    }
    case 'dossier':
      return { title: cachedStatement(db, 'SELECT title FROM dossiers WHERE id = ?').pluck().get(id) as string, batchId: null, pageId: null };
  }
}

/** The item a record belongs to, for the dossier it is filed in. */
const ITEM_OF: Record<Exclude<SearchKind, 'dossier'>, string> = {
  page: 'SELECT doc.item_id FROM pages p JOIN documents doc ON doc.id = p.document_id WHERE p.id = ?',
  document: 'SELECT item_id FROM documents WHERE id = ?',
  item: 'SELECT ?',
};

/** The dossier a hit is filed in, so the list can group it there; a dossier itself heads its group. */
function dossierOf(db: Db, kind: SearchKind, id: string): { id: string; title: string } | null {
  if (kind === 'dossier') return null;
  return (
    (cachedStatement(db, `SELECT k.id, k.title FROM items i JOIN dossiers k ON k.id = i.dossier_id WHERE i.id = (${ITEM_OF[kind]})`).get(id) as
      | { id: string; title: string }
      | undefined) ?? null
  );
}

export interface SearchAnswer {
  readonly hits: SearchHit[];
  readonly total: number;
  readonly refused: SearchRefusal | null;
}

function refusal(terms: readonly string[]): SearchRefusal {
  const quoted = terms.map((t) => `“${t}”`).join('、');
  return {
    code: 'single_character',
    terms: [...terms],
    message: `单个字 ${quoted} 几乎每页都有，请至少输入两个字 / a single character matches nearly everything; type at least two`,
  };
}

/**
 * Search OCR text and metadata. Every record matching all terms (within the filters) is counted;
 * the best `limit` of them by BM25 come back, each with a snippet around its first match. Personal data in snippets
 * and titles is masked whoever asks: search results are lists, and lists never show it in full (a
 * full view is a separate, audited call).
 */
export function searchArchive(db: Db, scheme: SchemeBody, query: string, limit: number, filters: SearchFilters = {}): SearchAnswer {
  const terms = searchTerms(query);
  const single = terms.filter((t) => t.index === 'single').map((t) => t.text);
  if (single.length > 0) return { hits: [], total: 0, refused: refusal(single) };
  const { total, rows } = findMatches(db, terms, limit, scopeOf(filters));
  const addressLabels = scheme.fields.filter((f) => f.pii && f.type === 'text').map((f) => f.key);
  const words = terms.map((t) => t.text);
  const hits = rows.map((row): SearchHit => {
    const place = placeOf(db, row.kind, row.ref);
    const dossier = dossierOf(db, row.kind, row.ref);
    const body = recordText(db, row.kind, row.ref);
    const snippet = makeSnippet(body, compactText(body), words, { addressLabels });
    return {
      id: row.ref,
      kind: row.kind,
      snippet: snippet.text,
      highlights: snippet.highlights.map(([s, e]) => [s, e] as [number, number]),
      score: Math.round(-row.rank * 1000) / 1000,
      title: maskLine(place.title, addressLabels),
      batchId: place.batchId,
      pageId: place.pageId,
      dossier: dossier && { id: dossier.id, title: maskLine(dossier.title, addressLabels) },
    };
  });
  return { hits, total, refused: null };
}
