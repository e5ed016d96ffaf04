import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SearchFilters } from '../../../shared/contract/search-api';
import { defaultSchemeBody } from '../filing/scheme-source';
import { matchExpression, searchTerms } from '../../../shared/search/search-query';
import { TRIGRAM_INDEX } from '../search/index-tables';
import { searchArchive } from '../search/search-index';
import { migrate } from '../store/migration';
import { openDatabase, type Db } from '../store/open-database';
import type { BenchFigures } from './import-bench';
import { fillSearchStore, type FilledStore } from './search-store';
import { formText, type FormPerson } from './synthetic-form-text';

/** Pages of the side stores that measure index upkeep and compare sizes with the 0006 index. */
const SAMPLE_PAGES = 2000;
const QUERIES_PER_CLASS = 20;
const RUNS_PER_QUERY = 3;
/** The search dialog's list length. */
const LIMIT = 50;
/** The schema before the bigram index (0006's trigram table storing each text twice). */
const BEFORE_BIGRAMS = 7;

const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Bytes the search index takes: its tables (FTS5 shadow tables and the record map), by dbstat. */
const indexBytes = (db: Db): number =>
  db.prepare("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search\\_%' ESCAPE '\\'").pluck().get() as number;

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? 0;

/** Queries of each class a clerk types, drawn from the people on the pages so they hit. */
function queryClasses(people: readonly FormPerson[]): Record<string, string[]> {
  const at = (i: number) => people[Math.floor((i * 7919) % people.length)]!;
  const sample = Array.from({ length: QUERIES_PER_CLASS }, (_, i) => at(i));
  const words = ['提取申请', '借款合同', '缴存登记', '居民身份证', '账户变更'];
  return {
    '2-character name': sample.map((p) => p.name.slice(0, 2)),
    '3-character name': Array.from({ length: QUERIES_PER_CLASS }, (_, i) => people.filter((p) => p.name.length === 3)[i * 13]?.name ?? '沈建华'),
    '18-digit ID': sample.map((p) => p.idNumber),
    '6-digit ID tail': sample.map((p) => p.idNumber.slice(-6)),
    '4-character word': sample.map((_, i) => words[i % words.length]!),
    'name + word': sample.map((p, i) => `${p.name.slice(0, 2)} ${['提取', '借款', '缴存', '变更'][i % 4]}`),
    // A name with a word of the trigram index: the two indexes answer together.
    'name + 4-character word': sample.map((p, i) => `${p.name.slice(0, 2)} ${words[i % words.length]!}`),
    '1-character': sample.map((p) => p.name.slice(0, 1)),
  };
}

/**
 * Filtered classes: the store's pages are all in one batch, so the batch filter keeps every match
 * and the kind filter every page: the filter's own cost at its worst, evaluated for each match.
 */
function filteredClasses(classes: Record<string, string[]>, batchId: string): Array<[string, string[], SearchFilters]> {
  return [
    ['2-character name, batch filter', classes['2-character name']!, { batchId }],
    ['4-character word, kind + batch filter', classes['4-character word']!, { kinds: ['page'], batchId }],
  ];
}

/** p50 / p95 of `run` over every query, each run RUNS_PER_QUERY times; `run` returns its hit count. */
function timed(queries: readonly string[], run: (q: string) => number): string {
  const times: number[] = [];
  let hits = 0;
  for (const q of queries) {
    for (let r = 0; r < RUNS_PER_QUERY; r++) {
      const t0 = performance.now();
      hits = Math.max(hits, run(q));
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return `${round(percentile(times, 0.5))} / ${round(percentile(times, 0.95))} (most hits ${hits})`;
}

function timeQueries(db: Db, classes: Array<[string, string[], SearchFilters]>): BenchFigures {
  const scheme = defaultSchemeBody();
  const figures: Record<string, number | string> = {};
  for (const [cls, queries, filters] of classes) {
    figures[`${cls} p50/p95 ms`] = timed(queries, (q) => searchArchive(db, scheme, q, LIMIT, filters).total);
  }
  // What no ranking can go under: counting a word's matches in the trigram index reads every match's positions.
  const words = classes.find(([cls]) => cls === '4-character word')?.[1] ?? [];
  figures['4-character word, counting alone p50/p95 ms'] = timed(words, (q) =>
    db.prepare(`SELECT count(*) FROM ${TRIGRAM_INDEX} WHERE ${TRIGRAM_INDEX} MATCH ?`).pluck().get(matchExpression(searchTerms(q))) as number,
  );
  return figures;
}

/** Milliseconds per page that storing OCR results takes, and index bytes per page, at a schema version. */
async function sideStore(root: string, name: string, schema: number | null, triggers = false): Promise<{ msPerReading: number; indexBytesPerPage: number }> {
  // 0006's index is measured for its size only; the stores that time indexing are encrypted as the desk's are.
  // A folder each: a store's station key, kept beside it, is sealed under that store's own key.
  await mkdir(path.join(root, name));
  const file = path.join(root, name, 'desk.sqlite');
  if (schema !== null) {
    // A store held at an older schema: migrate only that far before the desk's own open would go on.
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    migrate(raw, schema);
    const filled = fillSearchStore(raw, SAMPLE_PAGES, { from: 1_000_000_000 });
    const bytes = indexBytes(raw);
    raw.close();
    return { msPerReading: filled.msPerReading, indexBytesPerPage: bytes / SAMPLE_PAGES };
  }
  const db = openDatabase(file, { key: randomBytes(32) });
  db.pragma('synchronous = NORMAL');
  for (const t of triggers ? [] : db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'").pluck().all() as string[]) {
    db.exec(`DROP TRIGGER "${t}"`);
  }
  const filled = fillSearchStore(db, SAMPLE_PAGES, { from: 1_000_000_000 });
  db.close();
  return { msPerReading: filled.msPerReading, indexBytesPerPage: 0 };
}

/**
 * The store is encrypted as the desk's are (SQLCipher pages: every page the search reads is
 * decrypted and checked). The bench's random key is kept beside a kept store, so later runs open it.
 */
async function benchKey(file: string, reused: boolean): Promise<Buffer | null> {
  const keyFile = `${file}.key`;
  // A kept store without a key beside it was built in plaintext (before the bench encrypted its stores).
  if (reused) return existsSync(keyFile) ? Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'hex') : null;
  const key = randomBytes(32);
  await writeFile(keyFile, key.toString('hex'), { mode: 0o600 });
  return key;
}

/** A store built by an earlier run: its batch and the people on its pages (the texts are regenerated from their seeds). */
function builtStore(db: Db): { batchId: string; people: FormPerson[]; pages: number } {
  const batchId = db.prepare("SELECT id FROM batches WHERE name LIKE '检索基准 0-%'").pluck().get() as string | undefined;
  if (batchId === undefined) throw new Error('bench search --store: the file is not a store this bench built');
  const pages = db.prepare('SELECT count(*) FROM pages WHERE batch_id = ?').pluck().get(batchId) as number;
  return { batchId, people: Array.from({ length: pages }, (_, i) => formText(i).person), pages };
}

/**
 * `bench search --pages N [--store FILE]`: a store of N synthetic read pages built through the core's write
 * path (imports' rows, then each OCR result stored by the OCR results repository, so the triggers
 * index it). All but the last 2000 pages are stored a file's readings per transaction, as a bulk
 * build; the last 2000 one reading per transaction as the OCR service commits them, and the cost
 * per stored OCR result is measured on those, at the store's full size. Then p50/p95 of
 * `searchArchive` per query class. Commits run with synchronous=NORMAL: the figures are the
 * index's work, not the disk's fsync latency. Side stores of 2000 pages give what indexing adds
 * per page (triggers dropped) and 0006's index size. With `keep`, the store is built there once
 * and later runs only time the queries on it (opening it applies newer migrations, whose time is
 * printed), so a change to the index or the queries is compared on one million-page store.
 */
export async function searchBench(pages: number, note: (s: string) => void = () => undefined, keep: string | null = null): Promise<BenchFigures> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'hpf-bench-search-'));
  const reused = keep !== null && existsSync(keep);
  try {
    const file = keep ?? path.join(root, 'desk.sqlite');
    const opening = performance.now();
    const key = await benchKey(file, reused);
    const db = openDatabase(file, { key });
    db.pragma('synchronous = NORMAL');
    let built: Record<string, number | string>;
    let store: { batchId: string; people: readonly FormPerson[]; pages: number };
    if (reused) {
      store = builtStore(db);
      built = { reused: `${keep} (opened in ${round((performance.now() - opening) / 1000)} s)` };
      note(`reusing ${store.pages} pages in ${keep}`);
    } else {
      note(`building a store of ${pages} read pages (≈${formText(0).text.length} characters each)…`);
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const step = Math.max(1000, Math.round(pages / 20));
      let next = step;
      const filled = fillSearchStore(db, pages, {
        bulkPages: pages - SAMPLE_PAGES,
        onProgress: (done) => {
          if (done < next) return;
          next += step;
          note(`  ${done} pages, ${round(done / ((performance.now() - t0) / 1000), 0)} pages/s`);
        },
      });
      const buildSeconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      store = { batchId: filled.batchId, people: filled.people, pages };
      built = {
        'build pages/s': round(pages / buildSeconds, 0),
        'build pages/CPU-s': round(pages / ((cpu.user + cpu.system) / 1e6), 0),
        'store OCR result CPU ms/page': round(filled.msPerReading, 2),
      };
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const storeBytes = (await stat(file)).size;
    const index = indexBytes(db);
    note('timing queries…');
    const classes = queryClasses(store.people);
    const queries = timeQueries(db, [...Object.entries(classes).map(([cls, qs]): [string, string[], SearchFilters] => [cls, qs, {}]), ...filteredClasses(classes, store.batchId)]);
    db.close();
    note(`side stores of ${SAMPLE_PAGES} pages: without search triggers, and at schema ${BEFORE_BIGRAMS} (0006's index)…`);
    const bare = await sideStore(root, 'bare', null);
    const before = await sideStore(root, 'before', BEFORE_BIGRAMS);
    // A reused store has no pages stored this run: what indexing adds is then measured on a side store.
    const withIndex = reused ? (await sideStore(root, 'indexed', null, true)).msPerReading : (built['store OCR result CPU ms/page'] as number);
    return {
      pages: store.pages,
      store: key ? 'encrypted (SQLCipher, as the desk keeps it)' : 'plaintext',
      ...built,
      [reused ? `indexing CPU ms/page (${SAMPLE_PAGES} page store)` : 'of which indexing CPU ms/page']: round(withIndex - bare.msPerReading, 2),
      'store MB': mb(storeBytes),
      'store bytes/page': Math.round(storeBytes / store.pages),
      'index bytes/page': Math.round(index / store.pages),
      'index bytes/page before (0006)': Math.round(before.indexBytesPerPage),
      ...queries,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
