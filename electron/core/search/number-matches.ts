import { matchExpression, type SearchTerm } from '../../../shared/search/search-query';
import type { Db } from '../store/open-database';
import { cachedStatement } from '../store/statement-cache';
import { compactText, recordText } from './record-text';
import { bm25Rank, indexTotals, inverseFrequency, recordTokens } from './fts5-bm25';
import { NUMBER_INDEX, TRIGRAM_INDEX } from './index-tables';
import type { MatchRow, Matches } from './matches';
import type { Scope } from './search-scope';

const WINDOW = 6;
/**
 * Over this many records holding a term's windows, the number is a common one (a year and month,
 * 202401): checking each record against the trigram index would cost more than the trigram
 * index's own walk, so the caller searches that way.
 */
const MOST_CANDIDATES = 2000;

/** The windows of six digits of each run of six ASCII digits or more in a term, as the number index holds them. */
export function digitWindows(term: string): string[] {
  const windows: string[] = [];
  for (const run of term.match(/[0-9]{6,}/g) ?? []) {
    for (let i = 0; i + WINDOW <= run.length; i++) windows.push(run.slice(i, i + WINDOW));
  }
  return windows;
}

/**
 * Whether the number index answers the query: every term goes to the trigram index, is printable
 * ASCII (so folding it is ASCII's, as SQLite folds what it stores) and holds a run of six digits.
 */
export const answersByNumbers = (terms: readonly SearchTerm[]): boolean =>
  terms.length > 0 && terms.every((t) => t.index === 'trigram' && /^[\x21-\x7e]+$/.test(t.text) && digitWindows(t.text).length > 0);

const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** How often a term occurs in a text (overlapping, as the trigram index counts a phrase's instances). */
function occurrences(text: string, term: string): number {
  let n = 0;
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) n++;
  return n;
}

/**
 * The records of the whole store holding one term: those holding all its digit windows, each
 * checked against the trigram index (FTS5 decides the match, as for every other query). Null when
 * the term's windows are too common for checking record by record to pay.
 */
function recordsWith(db: Db, term: SearchTerm): number[] | null {
  const windows = digitWindows(term.text).map((w) => `"${w}"`).join(' AND ');
  const candidates = cachedStatement(db, `SELECT rowid FROM ${NUMBER_INDEX} WHERE ${NUMBER_INDEX} MATCH ? LIMIT ${MOST_CANDIDATES + 1}`).pluck().all(windows) as number[];
  if (candidates.length > MOST_CANDIDATES) return null;
  if (candidates.length === 0) return [];
  // Each candidate is looked up by its rowid (JSON gives integers: FTS5 ignores a rowid bound as a real).
  return cachedStatement(db, `SELECT rowid FROM ${TRIGRAM_INDEX} WHERE ${TRIGRAM_INDEX} MATCH ? AND rowid IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(matchExpression([term]), JSON.stringify(candidates)) as number[];
}

/**
 * Records holding every term (within the scope), counted in full and ranked by the trigram index's
 * BM25 over the whole store, found through the number index. Null when a term's number is too
 * common for it (the caller then asks the trigram index).
 */
export function numberMatches(db: Db, terms: readonly SearchTerm[], limit: number, scope: Scope | null): Matches | null {
  const perTerm: number[][] = [];
  for (const term of terms) {
    const ids = recordsWith(db, term);
    if (ids === null) return null;
    perTerm.push(ids);
  }
  const all = perTerm.reduce((a, b) => {
    const inB = new Set(b);
    return a.filter((id) => inB.has(id));
  });
  const within = cachedStatement(db, `SELECT d.id, d.kind, d.ref FROM search_docs d WHERE d.id IN (SELECT value FROM json_each(?))${scope ? ` AND ${scope.where}` : ''}`)
    .all(JSON.stringify(all), ...(scope?.params ?? [])) as Array<{ id: number; kind: MatchRow['kind']; ref: string }>;
  const totals = indexTotals(db, TRIGRAM_INDEX);
  // Each term's weight counts the records holding it in the whole store, as bm25() does whatever the filters.
  const idfs = perTerm.map((ids) => inverseFrequency(totals, ids.length));
  const lengths = recordTokens(db, TRIGRAM_INDEX, within.map((r) => r.id));
  const folded = terms.map((t) => fold(t.text));
  const ranked = within.map((r) => {
    const text = fold(compactText(recordText(db, r.kind, r.ref)));
    // A record FTS5 matched holds every term at least once (a letter only Unicode folds to ASCII could hide it from this count).
    const counts = folded.map((t) => Math.max(1, occurrences(text, t)));
    return { id: r.id, kind: r.kind, ref: r.ref, rank: bm25Rank(idfs, counts, lengths.get(r.id) ?? 0, totals) };
  });
  ranked.sort((a, b) => a.rank - b.rank || b.id - a.id);
  return { total: ranked.length, rows: ranked.slice(0, limit).map(({ kind, ref, rank }) => ({ kind, ref, rank })) };
}
