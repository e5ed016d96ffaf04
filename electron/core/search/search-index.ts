import type { SearchHit, SearchKind } from '../../../shared/contract/search-api';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { maskLine } from '../../../shared/search/mask-text';
import { likePattern, matchExpression, searchTerms, type SearchTerm } from '../../../shared/search/search-query';
import { makeSnippet } from '../../../shared/search/snippet';
import type { Db } from '../store/open-database';

interface Row {
  readonly kind: SearchKind;
  readonly ref: string;
  readonly body: string;
  readonly compact: string;
  /** FTS5's bm25(): lower is better; 0 when only LIKE terms were asked. */
  readonly rank: number;
}

/** Rows a query of short terms only may scan before it is ranked (each is a full-table LIKE). */
const LIKE_SCAN_CAP = 5000;
const K1 = 1.2;
const B = 0.75;

function matchingRows(db: Db, terms: readonly SearchTerm[], limit: number): Row[] {
  const match = matchExpression(terms);
  const where: string[] = [];
  const params: unknown[] = [];
  if (match) {
    where.push('search_fts MATCH ?');
    params.push(match);
  }
  for (const t of terms.filter((x) => !x.indexed)) {
    where.push(`(search_fts.body LIKE ? ESCAPE '\\' OR search_fts.compact LIKE ? ESCAPE '\\')`);
    params.push(likePattern(t.text), likePattern(t.text));
  }
  // Pages taken out of their document are in the trash, not in the archive.
  where.push(`NOT (d.kind = 'page' AND EXISTS (SELECT 1 FROM page_trash t WHERE t.page_id = d.ref))`);
  const sql = `
    SELECT d.kind, d.ref, search_fts.body AS body, search_fts.compact AS compact, ${match ? 'bm25(search_fts)' : '0'} AS rank
    FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
    WHERE ${where.join(' AND ')}
    ORDER BY rank, d.id DESC
    LIMIT ?`;
  return db.prepare(sql).all(...params, match ? limit : LIKE_SCAN_CAP) as Row[];
}

const occurrences = (text: string, term: string): number => {
  let n = 0;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + term.length)) n++;
  return n;
};

/**
 * BM25 for terms too short for the trigram index, computed here with FTS5's constants (k1 1.2,
 * b 0.75) over the rows that contain them, so short and long queries rank alike: a term found
 * often in a short text ranks first, a term every record contains counts little.
 */
function rankShortTerms(db: Db, rows: readonly Row[], terms: readonly SearchTerm[]): Map<Row, number> {
  const total = db.prepare('SELECT count(*) FROM search_docs').pluck().get() as number;
  const texts = rows.map((r) => r.compact.toLowerCase());
  const avg = texts.reduce((n, t) => n + t.length, 0) / Math.max(1, texts.length);
  const scores = new Map<Row, number>(rows.map((r) => [r, 0]));
  for (const term of terms) {
    const needle = term.text.replace(/\s/g, '').toLowerCase();
    const tf = texts.map((t) => occurrences(t, needle));
    const containing = tf.filter((n) => n > 0).length;
    const idf = Math.max(1e-6, Math.log((total - containing + 0.5) / (containing + 0.5) + 1));
    rows.forEach((r, i) => {
      const f = tf[i]!;
      const norm = K1 * (1 - B + (B * texts[i]!.length) / Math.max(1, avg));
      scores.set(r, scores.get(r)! + (idf * f * (K1 + 1)) / (f + norm));
    });
  }
  return scores;
}

/** Best first: FTS5's order when an indexed term was matched, else BM25 of the short terms. */
function ranked(db: Db, rows: readonly Row[], terms: readonly SearchTerm[], limit: number): Array<{ row: Row; score: number }> {
  if (terms.some((t) => t.indexed)) return rows.map((row) => ({ row, score: -row.rank }));
  const scores = rankShortTerms(db, rows, terms);
  return rows
    .map((row) => ({ row, score: scores.get(row)! }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

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
      const r = db.prepare('SELECT p.batch_id AS batchId, p.seq, b.name FROM pages p JOIN batches b ON b.id = p.batch_id WHERE p.id = ?').get(id) as
        { batchId: string; seq: number; name: string };
      return { title: `${r.name} #${r.seq}`, batchId: r.batchId, pageId: id };
    }
    case 'document': {
      const r = db.prepare(`SELECT d.batch_id AS batchId, d.title, ${FIRST_PAGE_OF_DOCUMENT} AS pageId FROM documents d WHERE d.id = ?`).get(id) as Place;
      return r;
    }
    case 'item': {
      const r = db
        .prepare(
          `SELECT i.batch_id AS batchId, coalesce(c.code, i.business || ' ' || i.business_date) AS title,
             (SELECT ${FIRST_PAGE_OF_DOCUMENT} FROM documents d WHERE d.item_id = i.id AND ${FIRST_PAGE_OF_DOCUMENT} IS NOT NULL
              ORDER BY d.created_at, d.id LIMIT 1) AS pageId
           FROM items i LEFT JOIN archival_codes c ON c.item_id = i.id WHERE i.id = ?`,
        )
        .get(id) as Place;
      return r;
    }
    case 'dossier':
      return { title: db.prepare('SELECT title FROM dossiers WHERE id = ?').pluck().get(id) as string, batchId: null, pageId: null };
  }
}

/**
 * Search OCR text and metadata. Hits come ranked by BM25, each with a snippet around its first
 * match. Personal data in snippets and titles is masked whoever asks: search results are lists,
 * and lists never show it in full (a full view is a separate, audited call).
 */
export function searchArchive(db: Db, scheme: SchemeBody, query: string, limit: number): SearchHit[] {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const scored = ranked(db, matchingRows(db, terms, limit), terms, limit);
  const addressLabels = scheme.fields.filter((f) => f.pii && f.type === 'text').map((f) => f.key);
  const words = terms.map((t) => t.text);
  return scored.map(({ row, score }) => {
    const place = placeOf(db, row.kind, row.ref);
    const snippet = makeSnippet(row.body, row.compact, words, { addressLabels });
    return {
      id: row.ref,
      kind: row.kind,
      snippet: snippet.text,
      highlights: snippet.highlights.map(([s, e]) => [s, e] as [number, number]),
      score: Math.round(score * 1000) / 1000,
      title: maskLine(place.title, addressLabels),
      batchId: place.batchId,
      pageId: place.pageId,
    };
  });
}
