import type { Db } from '../store/open-database';

/**
 * FTS5's bm25(), computed here for records found without it. FTS5 computes a term's document
 * frequency by walking the term's matches over the whole table each time a statement calls
 * bm25(); for a long number that walk is the slow part the number index avoids. These are the
 * same inputs (FTS5's own row count, token totals and per-record sizes, read from its shadow
 * tables) and the same arithmetic in the same order as fts5_aux.c, so the scores, and the order
 * they give, are FTS5's.
 */

const K1 = 1.2;
const B = 0.75;

/** SQLite's varint, as FTS5 writes its records: 7 bits a byte while the high bit is set, the 9th byte whole. */
export function readVarints(blob: Buffer): number[] {
  const values: number[] = [];
  let i = 0;
  while (i < blob.length) {
    let v = 0;
    for (let n = 0; ; n++) {
      const byte = blob[i++]!;
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      if ((byte & 0x80) === 0) break;
    }
    values.push(v);
  }
  return values;
}

export interface IndexTotals {
  /** Records in the index. */
  readonly rows: number;
  /** Tokens of all records together. */
  readonly tokens: number;
}

/** FTS5's averages record (row 1 of the `_data` table): the row count, then each column's token total. */
export function indexTotals(db: Db, table: string): IndexTotals {
  const blob = db.prepare(`SELECT block FROM ${table}_data WHERE id = 1`).pluck().get() as Buffer | undefined;
  const [rows = 0, ...columns] = blob ? readVarints(blob) : [];
  return { rows, tokens: columns.reduce((a, b) => a + b, 0) };
}

/** Each record's token count, as bm25() reads it (`_docsize`, one varint per column). */
export function recordTokens(db: Db, table: string, ids: readonly number[]): Map<number, number> {
  const rows = db.prepare(`SELECT id, sz FROM ${table}_docsize WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as Array<{ id: number; sz: Buffer }>;
  return new Map(rows.map((r) => [r.id, readVarints(r.sz).reduce((a, b) => a + b, 0)]));
}

/** A phrase's weight from how many records hold it; FTS5 floors it just above zero for phrases in most records. */
export function inverseFrequency(totals: IndexTotals, hits: number): number {
  const idf = Math.log((totals.rows - hits + 0.5) / (hits + 0.5));
  return idf <= 0 ? 1e-6 : idf;
}

/** bm25() of one record: its count of each phrase, weighted; negative, lower is better, as FTS5 returns it. */
export function bm25Rank(idfs: readonly number[], counts: readonly number[], recordLength: number, totals: IndexTotals): number {
  const avgdl = totals.tokens / totals.rows;
  let score = 0;
  for (let i = 0; i < idfs.length; i++) {
    const f = counts[i]!;
    score += idfs[i]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * recordLength) / avgdl)));
  }
  return -1.0 * score;
}
