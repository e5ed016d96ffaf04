import type { SearchKind } from '../../../shared/contract/search-api';
import { matchExpression, type SearchTerm } from '../../../shared/search/search-query';
import type { Db } from '../store/open-database';
import type { Scope } from './search-scope';

/** One record found, best first; rank is FTS5's bm25() (lower is better), summed over both indexes. */
export interface MatchRow {
  readonly kind: SearchKind;
  readonly ref: string;
  readonly rank: number;
}

export interface Matches {
  /** Every record the terms match, however many; `rows` are the best of them. */
  readonly total: number;
  readonly rows: readonly MatchRow[];
}

/**
 * A two-character term as the index of pieces stores it: the hex of its UTF-8 bytes, ASCII folded
 * to lower case as SQLite's lower() folds the indexed text (see the search-bigrams migration).
 */
export const bigramToken = (term: string): string =>
  Buffer.from(term.replace(/[A-Z]/g, (c) => c.toLowerCase()), 'utf8').toString('hex').toUpperCase();

function bigramExpression(terms: readonly SearchTerm[]): string | null {
  const tokens = terms.filter((t) => t.index === 'bigram').map((t) => `"${bigramToken(t.text)}"`);
  return tokens.length > 0 ? tokens.join(' AND ') : null;
}

interface Plan {
  readonly from: string;
  /** The record's index row id, as the leading table names it. */
  readonly id: string;
  readonly rank: string;
  readonly where: string;
  readonly params: readonly string[];
}

/**
 * Which index answers the query: the trigram index for long terms, the index of pieces for
 * two-character ones, both (joined on the record) for a mix. The pieces table leads the join: a
 * two-character term is most often a name, the more selective side.
 */
function plan(terms: readonly SearchTerm[]): Plan | null {
  const tri = matchExpression(terms);
  const bi = bigramExpression(terms);
  if (tri && bi) {
    return {
      from: 'search_bi JOIN search_tri ON search_tri.rowid = search_bi.rowid',
      id: 'search_bi.rowid',
      rank: 'bm25(search_bi) + bm25(search_tri)',
      where: 'search_bi MATCH ? AND search_tri MATCH ?',
      params: [bi, tri],
    };
  }
  if (tri) return { from: 'search_tri', id: 'search_tri.rowid', rank: 'bm25(search_tri)', where: 'search_tri MATCH ?', params: [tri] };
  if (bi) return { from: 'search_bi', id: 'search_bi.rowid', rank: 'bm25(search_bi)', where: 'search_bi MATCH ?', params: [bi] };
  return null;
}

/**
 * All records matching every term (and the scope, when filtered), counted in full, and the best
 * `limit` of them by BM25 over the whole set (never a capped scan). Terms must be trigram or
 * bigram terms; single characters are the caller's to refuse.
 */
export function findMatches(db: Db, terms: readonly SearchTerm[], limit: number, scope: Scope | null = null): Matches {
  const p = plan(terms);
  if (!p) return { total: 0, rows: [] };
  if (scope) {
    // The filters join the record map inside the statement that matches, so both the count and
    // the ranking run over every match within them. The matches within the scope are found once
    // (a materialized set) and both counted and ranked from it: the scope costs a chain of
    // primary-key lookups per match, and running it again for the count doubled a filtered search.
    const rows = db
      .prepare(
        `WITH m AS MATERIALIZED (
           SELECT d.id, d.kind, d.ref, ${p.rank} AS rank FROM ${p.from} JOIN search_docs d ON d.id = ${p.id}
           WHERE ${p.where} AND ${scope.where}
         )
         SELECT kind, ref, rank, (SELECT count(*) FROM m) AS total FROM m ORDER BY rank, id DESC LIMIT ?`,
      )
      .all(...p.params, ...scope.params, limit) as Array<MatchRow & { total: number }>;
    return { total: rows[0]?.total ?? 0, rows: rows.map(({ kind, ref, rank }) => ({ kind, ref, rank })) };
  }
  const total = db.prepare(`SELECT count(*) FROM ${p.from} WHERE ${p.where}`).pluck().get(...p.params) as number;
  const rows = db
    .prepare(
      `SELECT d.kind, d.ref, m.rank FROM (
         SELECT ${p.id} AS id, ${p.rank} AS rank FROM ${p.from} WHERE ${p.where}
         ORDER BY rank, id DESC LIMIT ?
       ) m JOIN search_docs d ON d.id = m.id
       ORDER BY m.rank, m.id DESC`,
    )
    .all(...p.params, limit) as MatchRow[];
  return { total, rows };
}
