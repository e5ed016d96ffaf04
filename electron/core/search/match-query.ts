import { matchExpression, type SearchTerm } from '../../../shared/search/search-query';
import type { Db } from '../store/open-database';
import { BIGRAM_INDEX, TRIGRAM_INDEX } from './index-tables';
import type { MatchRow, Matches } from './matches';
import { answersByNumbers, numberMatches } from './number-matches';
import type { Scope } from './search-scope';

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

/** One index's part of a query: its FTS5 table and the MATCH expression of the terms it holds. */
interface Side {
  readonly table: typeof TRIGRAM_INDEX | typeof BIGRAM_INDEX;
  readonly expression: string;
}

/** Which indexes answer the query: the trigram index for long terms, the index of pieces for two-character ones, or both. */
function sides(terms: readonly SearchTerm[]): Side[] {
  const tri = matchExpression(terms);
  const bi = bigramExpression(terms);
  return [...(bi ? [{ table: BIGRAM_INDEX, expression: bi } as const] : []), ...(tri ? [{ table: TRIGRAM_INDEX, expression: tri } as const] : [])];
}


/**
 * Records matching one index's terms (all of them, within the scope): counted in full, the best
 * `limit` by BM25 over the whole set.
 */
function oneIndex(db: Db, side: Side, limit: number, scope: Scope | null): Matches {
  const { table } = side;
  if (scope) {
    // The filters join the record map inside the statement that matches, so both the count and
    // the ranking run over every match within them. The matches within the scope are found once
    // (a materialized set) and both counted and ranked from it: the scope costs a chain of
    // primary-key lookups per match, and running it again for the count doubled a filtered search.
    return ranked(
      db.prepare(
        `WITH m AS MATERIALIZED (
           SELECT d.id, d.kind, d.ref, bm25(${table}) AS rank FROM ${table} JOIN search_docs d ON d.id = ${table}.rowid
           WHERE ${table} MATCH ? AND ${scope.where}
         )
         SELECT kind, ref, rank, (SELECT count(*) FROM m) AS total FROM m ORDER BY rank, id DESC LIMIT ?`,
      ).all(side.expression, ...scope.params, limit),
    );
  }
  const total = db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(side.expression) as number;
  const rows = db
    .prepare(
      `SELECT d.kind, d.ref, m.rank FROM (
         SELECT rowid AS id, bm25(${table}) AS rank FROM ${table} WHERE ${table} MATCH ?
         ORDER BY rank, id DESC LIMIT ?
       ) m JOIN search_docs d ON d.id = m.id
       ORDER BY m.rank, m.id DESC`,
    )
    .all(side.expression, limit) as MatchRow[];
  return { total, rows };
}

/**
 * Records matching the terms of both indexes, ranked by the sum of both BM25 scores. Each index
 * scores its matches in a statement of its own, restricted to the records the other one matches
 * (`+rowid IN`: a filter, never a lookup by rowid). Joined on the rowid instead, SQLite looks each
 * record up in the second index, and FTS5 starts a new scan for every lookup: bm25() then counts
 * the term's matches over the whole table again for each record, so a name with a word on every
 * page (王芳 居民身份证) took minutes. Here each index is scanned once. The side whose matches
 * are listed for the other's filter should be the smaller: the pieces side, most often a name,
 * unless it matches more than a tenth of the records (提取 沈建华), when the long terms' side is
 * listed. Counting a two-character piece's matches is cheap (one token, no positions to compare).
 */
function bothIndexes(db: Db, [bi, tri]: readonly [Side, Side], limit: number, scope: Scope | null): Matches {
  const biCount = db.prepare(`SELECT count(*) FROM ${bi.table} WHERE ${bi.table} MATCH ?`).pluck().get(bi.expression) as number;
  const records = (db.prepare(`SELECT rowid FROM ${bi.table} ORDER BY rowid DESC LIMIT 1`).pluck().get() as number | undefined) ?? 0;
  const [listed, filtered] = biCount * 10 <= records ? [bi, tri] : [tri, bi];
  return ranked(
    db.prepare(
      `WITH f AS MATERIALIZED (
         SELECT rowid AS id, bm25(${filtered.table}) AS rank FROM ${filtered.table}
         WHERE ${filtered.table} MATCH ? AND +rowid IN (SELECT rowid FROM ${listed.table} WHERE ${listed.table} MATCH ?)
       ),
       l AS MATERIALIZED (
         SELECT rowid AS id, bm25(${listed.table}) AS rank FROM ${listed.table}
         WHERE ${listed.table} MATCH ? AND +rowid IN (SELECT id FROM f)
       ),
       m AS MATERIALIZED (
         SELECT d.id, d.kind, d.ref, l.rank + f.rank AS rank FROM l JOIN f ON f.id = l.id JOIN search_docs d ON d.id = l.id
         ${scope ? `WHERE ${scope.where}` : ''}
       )
       SELECT kind, ref, rank, (SELECT count(*) FROM m) AS total FROM m ORDER BY rank, id DESC LIMIT ?`,
    ).all(filtered.expression, listed.expression, listed.expression, ...(scope?.params ?? []), limit),
  );
}

/** A materialized set's best rows, each carrying the set's count. */
function ranked(rows: unknown[]): Matches {
  const list = rows as Array<MatchRow & { total: number }>;
  return { total: list[0]?.total ?? 0, rows: list.map(({ kind, ref, rank }) => ({ kind, ref, rank })) };
}

/**
 * All records matching every term (and the scope, when filtered), counted in full, and the best
 * `limit` of them by BM25 over the whole set (never a capped scan). Terms must be trigram or
 * bigram terms; single characters are the caller's to refuse.
 */
export function findMatches(db: Db, terms: readonly SearchTerm[], limit: number, scope: Scope | null = null): Matches {
  if (answersByNumbers(terms)) {
    const found = numberMatches(db, terms, limit, scope);
    if (found) return found;
  }
  const [first, second] = sides(terms);
  if (!first) return { total: 0, rows: [] };
  return second ? bothIndexes(db, [first, second], limit, scope) : oneIndex(db, first, limit, scope);
}
