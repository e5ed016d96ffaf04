import type { SearchTerm } from '../../../shared/search/search-query';
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
 * 202401): reading each record's text would cost more than the trigram index's own walk, so the
 * caller searches that way.
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
 * The windows a query asks the number index for: side by side over each run, the last one flush
 * with its end (0, 6, 12 of an 18-digit number). Together they cover every digit, and each more
 * window is one more token list to read; the records found are checked against the whole term.
 */
export function queryWindows(term: string): string[] {
  const windows = new Set<string>();
  for (const run of term.match(/[0-9]{6,}/g) ?? []) {
    for (let i = 0; i + WINDOW < run.length; i += WINDOW) windows.add(run.slice(i, i + WINDOW));
    windows.add(run.slice(-WINDOW));
  }
  return [...windows];
}

/**
 * Whether the number index answers the query: every term goes to the trigram index, is printable
 * ASCII (so folding it is ASCII's, as SQLite folds what it stores) and holds a run of six digits.
 */
export const answersByNumbers = (terms: readonly SearchTerm[]): boolean =>
  terms.length > 0 && terms.every((t) => t.index === 'trigram' && /^[\x21-\x7e]+$/.test(t.text) && digitWindows(t.text).length > 0);

/**
 * Folding as the trigram index folds what it stores, for the characters that can meet an ASCII
 * term: ASCII capitals, and the two letters Unicode's case folding maps into ASCII (the long s ſ
 * and the Kelvin sign K, to s and k; İ keeps its dot and is not folded). The test holds these
 * against FTS5's own counts.
 */
const ODD_FOLDS: Readonly<Record<string, string>> = { '\u017f': 's', '\u212a': 'k' };
const fold = (s: string) => s.replace(/[A-Z\u017f\u212a]/g, (c) => ODD_FOLDS[c] ?? c.toLowerCase());

/** How often a term occurs in a text (overlapping, as the trigram index counts a phrase's instances). */
function occurrences(text: string, term: string): number {
  let n = 0;
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) n++;
  return n;
}

interface Candidate {
  readonly id: number;
  readonly kind: MatchRow['kind'];
  readonly ref: string;
  /** The record's text, compacted and folded as the trigram index holds it. */
  readonly text: string;
}

/**
 * The records of the whole store holding one term, with how often they hold it: those holding its
 * query windows, each checked against the whole term in its text. (Asking the trigram index
 * instead costs a walk of the term's 16 trigram lists per record: 100 ms at a million pages.)
 * Null when the windows are too common for checking record by record to pay.
 */
function recordsWith(db: Db, term: SearchTerm, seen: Map<number, Candidate>): Map<number, number> | null {
  const windows = queryWindows(term.text).map((w) => `"${w}"`).join(' AND ');
  const ids = cachedStatement(db, `SELECT rowid FROM ${NUMBER_INDEX} WHERE ${NUMBER_INDEX} MATCH ? LIMIT ${MOST_CANDIDATES + 1}`).pluck().all(windows) as number[];
  if (ids.length > MOST_CANDIDATES) return null;
  const wanted = fold(term.text);
  const counts = new Map<number, number>();
  for (const c of candidates(db, ids, seen)) {
    const n = occurrences(c.text, wanted);
    if (n > 0) counts.set(c.id, n);
  }
  return counts;
}

/** The records behind index rows, with their texts; each is read once however many terms ask. */
function candidates(db: Db, ids: readonly number[], seen: Map<number, Candidate>): Candidate[] {
  const missing = ids.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    const rows = cachedStatement(db, 'SELECT id, kind, ref FROM search_docs WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(missing)) as Array<{ id: number; kind: MatchRow['kind']; ref: string }>;
    for (const r of rows) {
      seen.set(r.id, { ...r, text: fold(compactText(recordText(db, r.kind, r.ref))) });
    }
  }
  return ids.flatMap((id) => seen.get(id) ?? []);
}

/**
 * Records holding every term (within the scope), counted in full and ranked by the trigram index's
 * BM25 over the whole store, found through the number index. Null when a term's number is too
 * common for it (the caller then asks the trigram index).
 */
export function numberMatches(db: Db, terms: readonly SearchTerm[], limit: number, scope: Scope | null): Matches | null {
  const seen = new Map<number, Candidate>();
  const perTerm: Array<Map<number, number>> = [];
  for (const term of terms) {
    const counts = recordsWith(db, term, seen);
    if (counts === null) return null;
    perTerm.push(counts);
  }
  const all = [...perTerm[0]!.keys()].filter((id) => perTerm.every((counts) => counts.has(id)));
  const within = cachedStatement(db, `SELECT d.id FROM search_docs d WHERE d.id IN (SELECT value FROM json_each(?))${scope ? ` AND ${scope.where}` : ''}`)
    .pluck()
    .all(JSON.stringify(all), ...(scope?.params ?? [])) as number[];
  const totals = indexTotals(db, TRIGRAM_INDEX);
  // Each term's weight counts the records holding it in the whole store, as bm25() does whatever the filters.
  const idfs = perTerm.map((counts) => inverseFrequency(totals, counts.size));
  const lengths = recordTokens(db, TRIGRAM_INDEX, within);
  const ranked = within.map((id) => {
    const { kind, ref } = seen.get(id)!;
    return { id, kind, ref, rank: bm25Rank(idfs, perTerm.map((counts) => counts.get(id)!), lengths.get(id) ?? 0, totals) };
  });
  ranked.sort((a, b) => a.rank - b.rank || b.id - a.id);
  return { total: ranked.length, rows: ranked.slice(0, limit).map(({ kind, ref, rank }) => ({ kind, ref, rank })) };
}
