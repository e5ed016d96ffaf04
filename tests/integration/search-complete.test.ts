import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillSearchStore, type FilledStore } from '../../electron/core/bench/search-store';
import { insertResult, requestPageOcr } from '../../electron/core/store/repo/ocr-results';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { trashPages } from '../../electron/core/pages/page-ops';
import { bigramToken, findMatches } from '../../electron/core/search/match-query';
import { answersByNumbers, numberMatches } from '../../electron/core/search/number-matches';
import { searchArchive } from '../../electron/core/search/search-index';
import { openDatabase, type Db } from '../../electron/core/store/open-database';
import type { SearchFilters } from '../../shared/contract/search-api';
import { matchExpression, searchTerms } from '../../shared/search/search-query';
import { BUSINESSES, CUSTOMERS, fileSomeOf } from '../helpers/filed-search-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let db: Db | undefined;
afterEach(() => {
  db?.close();
  db = undefined;
});

const PAGES = 2000;
const foldAscii = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The full scan the indexes stand in for: every record whose text (spaces out) contains every term of the query. */
function bruteForce(store: Db, query: string): string[] {
  const terms = searchTerms(query).map((t) => foldAscii(t.text));
  const rows = store.prepare('SELECT kind, ref, body FROM search_source').all() as Array<{ kind: string; ref: string; body: string }>;
  return rows
    .filter((r) => {
      const text = foldAscii(r.body.replace(/[ \t\u3000\r]/g, ''));
      return terms.every((t) => text.includes(t));
    })
    .map((r) => `${r.kind}:${r.ref}`)
    .sort();
}

const search = (store: Db, query: string, limit: number, filters: SearchFilters = {}) => searchArchive(store, defaultSchemeBody(), query, limit, filters);
const everything = (store: Db, query: string, filters: SearchFilters = {}) => search(store, query, 1_000_000, filters);
const keys = (hits: ReadonlyArray<{ kind: string; id: string }>) => hits.map((h) => `${h.kind}:${h.id}`);

/** Queries of every class a clerk types, taken from the people on the pages so they hit. */
function queriesOf(filled: FilledStore): Record<string, string[]> {
  const twoChar = [...new Set(filled.people.map((p) => p.name.slice(0, 2)))].slice(0, 3);
  const threeChar = filled.people.filter((p) => p.name.length === 3).slice(0, 3).map((p) => p.name);
  const ids = filled.people.slice(0, 3).map((p) => p.idNumber);
  return {
    '2-character name': [...twoChar, '王伟', '张伟'],
    '3-character name': threeChar,
    '18-digit ID': ids,
    '6-digit ID tail': ids.map((id) => id.slice(-6)),
    '4-character word': ['提取申请', '借款合同', '缴存登记'],
    'name + word': ['王伟 提取', '张伟 借款', `${twoChar[0]} 借款合同`, '李伟 身份 110101', '王伟 提取申请', '张伟 居民身份证', `提取 ${threeChar[0]}`, '证件 居民身份证'],
    'punctuation, digits and Latin': ['字。', '2023年3', '.7', 'PP'],
  };
}

interface ItemFacts {
  readonly batch: string;
  readonly business: string | null;
  readonly date: string | null;
  readonly dossier: string | null;
}

/**
 * What the filters mean, read record by record in plain code: a record's batch and the items it
 * belongs to (a page through its file, a dossier through its members), then every filter asked.
 */
function filterOf(store: Db, f: SearchFilters): (key: string) => boolean {
  const items = new Map(
    (store.prepare('SELECT id, batch_id AS batch, business, business_date AS date, dossier_id AS dossier FROM items').all() as Array<ItemFacts & { id: string }>).map((i) => [i.id, i]),
  );
  const documents = new Map((store.prepare('SELECT id, batch_id AS batch, item_id AS item FROM documents').all() as Array<{ id: string; batch: string; item: string | null }>).map((d) => [d.id, d]));
  const pages = new Map((store.prepare('SELECT id, batch_id AS batch, document_id AS document FROM pages').all() as Array<{ id: string; batch: string; document: string }>).map((p) => [p.id, p]));
  const members = store.prepare('SELECT item_id FROM dossier_items WHERE dossier_id = ?').pluck();
  const itemOk = (item: ItemFacts | undefined, batch: string | null): boolean =>
    (f.batchId === undefined || (batch ?? item?.batch) === f.batchId) &&
    (f.business === undefined || item?.business === f.business) &&
    (f.from === undefined || (item?.date != null && item.date >= f.from)) &&
    (f.to === undefined || (item?.date != null && item.date <= f.to)) &&
    (f.dossierId === undefined || item?.dossier === f.dossierId);
  const within = (record: string, kind: string): boolean => {
    switch (kind) {
      case 'item':
        return itemOk(items.get(record), null);
      case 'document': {
        const d = documents.get(record)!;
        return itemOk(d.item ? items.get(d.item) : undefined, d.batch);
      }
      case 'page': {
        const p = pages.get(record)!;
        const d = documents.get(p.document)!;
        return itemOk(d.item ? items.get(d.item) : undefined, p.batch);
      }
      default:
        return (members.all(record) as string[]).some((i) => itemOk(items.get(i), null));
    }
  };
  return (key) => {
    const [kind, record] = key.split(':') as [string, string];
    return (f.kinds === undefined || f.kinds.includes(kind as never)) && within(record, kind);
  };
}

describe('search at scale: the indexes find what a full scan finds', () => {
  it('gives, for every query class, the same hits as a brute-force scan, counts them all and returns the best N of the whole set', { timeout: 240_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'), { key: null });
    const filled = fillSearchStore(db, PAGES);
    for (const [cls, queries] of Object.entries(queriesOf(filled))) {
      for (const q of queries) {
        const expected = bruteForce(db, q);
        const all = everything(db, q);
        expect(all.refused, `${cls}: ${q}`).toBeNull();
        expect(keys(all.hits).sort(), `${cls}: ${q}`).toEqual(expected);
        expect(all.total, `${cls}: ${q}`).toBe(expected.length);
        // Best first over the whole set: the first 5 are the top of the complete ranking.
        const best = search(db, q, 5);
        expect(best.total, `${cls}: ${q}`).toBe(expected.length);
        expect(keys(best.hits), `${cls}: ${q}`).toEqual(keys(all.hits).slice(0, 5));
      }
    }
    // The common two-character name is on more pages than a list shows, and all are counted.
    const common = search(db, '王伟', 20);
    expect(common.hits).toHaveLength(20);
    expect(common.total).toBe(bruteForce(db, '王伟').length);
    expect(common.total).toBeGreaterThan(20);
  });

  it('ranks a query of short and long terms by the sum of both indexes\' BM25, each scoring the record as it does alone', { timeout: 240_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'), { key: null });
    const filled = fillSearchStore(db, PAGES);
    const name = filled.people[0]!.name;
    // Each index's own score of every record it matches, read without the search's plan.
    const scores = (table: string, expression: string) =>
      new Map((db!.prepare(`SELECT rowid AS id, bm25(${table}) AS rank FROM ${table} WHERE ${table} MATCH ?`).all(expression) as Array<{ id: number; rank: number }>).map((r) => [r.id, r.rank]));
    const record = db.prepare("SELECT id FROM search_docs WHERE kind || ':' || ref = ?").pluck();
    // A name with a word on most pages, a common piece with a rare name (the other side listed first), a piece and a word both common.
    for (const [piece, word] of [[name.slice(0, 2), '居民身份证'], ['提取', name.length === 3 ? name : '沈建华'], ['证件', '居民身份证']] as const) {
      const pieces = scores('search_bi', `"${bigramToken(piece)}"`);
      const words = scores('search_tri', `"${word}"`);
      const expected = [...pieces].filter(([id]) => words.has(id)).map(([id, rank]) => ({ id, rank: rank + words.get(id)! }));
      expected.sort((a, b) => a.rank - b.rank || b.id - a.id);
      const all = everything(db, `${piece} ${word}`);
      expect(all.total, `${piece} ${word}`).toBe(expected.length);
      expect(expected.length, `${piece} ${word}`).toBeGreaterThan(0);
      expect(all.hits.map((h) => record.get(`${h.kind}:${h.id}`)), `${piece} ${word}`).toEqual(expected.map((e) => e.id));
      expect(all.hits.map((h) => h.score)).toEqual(expected.map((e) => Math.round(-e.rank * 1000) / 1000));
    }
  });

  it('finds numbers through the number index: the hits, totals, order and BM25 of the trigram index, with and without filters', { timeout: 240_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'), { key: null });
    const first = fillSearchStore(db, 1200);
    const second = fillSearchStore(db, 300, { from: 1200 });
    fileSomeOf(db, 'clerk', first.batchId);
    const people = [...first.people.slice(0, 4), second.people[7]!];
    const withX = [...first.people, ...second.people].find((p) => /x$/i.test(p.idNumber));
    const record = db.prepare('SELECT id FROM search_docs WHERE kind = ? AND ref = ?').pluck();
    // FTS5's own answer: every record the trigram index matches, with its bm25(), best first.
    const reference = (query: string) =>
      (db!.prepare('SELECT rowid AS id, bm25(search_tri) AS rank FROM search_tri WHERE search_tri MATCH ?').all(matchExpression(searchTerms(query))) as Array<{ id: number; rank: number }>)
        .sort((a, b) => a.rank - b.rank || b.id - a.id);
    // Letters Unicode's case folding maps into ASCII (the Kelvin sign, the long s), and one it does not (İ).
    const [odd1, odd2] = db.prepare("SELECT ref FROM search_docs WHERE kind = 'page' ORDER BY id LIMIT 2").pluck().all() as string[];
    const readAgain = (pageId: string, text: string) => {
      const imageSha256 = db!.prepare("SELECT sha256 FROM derivatives WHERE page_id = ? AND kind = 'image'").pluck().get(pageId) as string;
      const key = createHash('sha256').update(text).digest('hex');
      requestPageOcr(db!, pageId, key, 'ppocr');
      db!.transaction(() => insertResult(db!, { key, imageSha256, engine: 'ppocr', model: 'test', settings: {}, seconds: 1, result: { text, confidence: 0.9, angle: 0, width: 100, height: 100, lines: [] } }))();
    };
    readAgain(odd1!, '备注 \u212a123456 编号 K123456');
    readAgain(odd2!, '证明 \u0130654321 与 i654321 \u017f777777 S777777');
    const queries = [
      'k123456', 'K123456', 'i654321', 'I654321', 's777777',
      ...people.map((p) => p.idNumber),
      ...people.map((p) => p.idNumber.slice(-6)),
      ...people.map((p) => p.idNumber.slice(0, 6)),
      ...(withX ? [withX.idNumber, withX.idNumber.toLowerCase()] : []),
      `${people[0]!.idNumber.slice(0, 6)} ${people[0]!.idNumber.slice(-6)}`,
      CUSTOMERS[0].证件号码,
      '999999',
    ];
    for (const q of queries) {
      const terms = searchTerms(q);
      expect(answersByNumbers(terms), q).toBe(true);
      // Answered by the number index itself, not by the fallback to the trigram index.
      expect(numberMatches(db, terms, 3, null), q).not.toBeNull();
      const expected = reference(q);
      const found = findMatches(db, terms, 1_000_000);
      expect(found.total, q).toBe(expected.length);
      expect(found.rows.map((r) => record.get(r.kind, r.ref)), q).toEqual(expected.map((e) => e.id));
      expect(found.rows.map((r) => r.rank), q).toEqual(expected.map((e) => e.rank));
      expect(keys(everything(db, q).hits).sort(), q).toEqual(bruteForce(db, q));
      const best = findMatches(db, terms, 3);
      expect(best.rows, q).toEqual(found.rows.slice(0, 3));
      // Within filters: the same records as the full scan within them, in the same order.
      for (const f of [{ batchId: second.batchId }, { kinds: ['item', 'dossier'] }, { business: BUSINESSES[0] }] as SearchFilters[]) {
        const within = filterOf(db, f);
        const scoped = everything(db, q, f);
        expect(keys(scoped.hits), `${q} ${JSON.stringify(f)}`).toEqual(keys(everything(db, q).hits).filter(within));
        expect(scoped.total, `${q} ${JSON.stringify(f)}`).toBe(bruteForce(db, q).filter(within).length);
      }
    }
    expect(reference(people[0]!.idNumber.slice(0, 6)).length).toBeGreaterThan(1);
  });

  it('filters by kind, batch, business type, date range and dossier inside the query: the same hits and true totals as a full scan', { timeout: 240_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'), { key: null });
    const first = fillSearchStore(db, 1200);
    const second = fillSearchStore(db, 400, { from: 1200 });
    fileSomeOf(db, 'clerk', first.batchId);
    fileSomeOf(db, 'clerk', second.batchId);
    const dossiers = db.prepare('SELECT id FROM dossiers ORDER BY id').pluck().all() as string[];
    expect(dossiers.length).toBe(CUSTOMERS.length);

    const filters: SearchFilters[] = [
      { kinds: ['page'] },
      { kinds: ['item', 'dossier'] },
      { batchId: second.batchId },
      { business: 'TQ-HD' },
      { business: BUSINESSES[2] },
      { from: '2021-01-01', to: '2023-12-31' },
      { from: '2024-01-01' },
      { dossierId: dossiers[0]! },
      { dossierId: dossiers[1]!, kinds: ['page', 'document'] },
      { batchId: first.batchId, business: 'TQ-GF', from: '2019-01-01', to: '2021-12-31' },
      { kinds: ['page'], business: 'GJ-ZY', batchId: second.batchId },
    ];
    const queries = ['王伟', '张伟', '沈建华', '李娜', '居民身份证', '提取申请', '借款合同', CUSTOMERS[2].证件号码, CUSTOMERS[0].证件号码.slice(-6), '王伟 提取', '偿还住房', '王伟 居民身份证', '提取 沈建华'];
    const unfiltered = new Map(queries.map((q) => [q, bruteForce(db!, q)]));
    let narrowed = 0;
    for (const f of filters) {
      const within = filterOf(db, f);
      for (const q of queries) {
        const label = `${q} ${JSON.stringify(f)}`;
        const expected = unfiltered.get(q)!.filter(within);
        const all = everything(db, q, f);
        expect(keys(all.hits).sort(), label).toEqual(expected);
        expect(all.total, label).toBe(expected.length);
        const best = search(db, q, 5, f);
        expect(best.total, label).toBe(expected.length);
        expect(keys(best.hits), label).toEqual(keys(all.hits).slice(0, 5));
        if (expected.length > 0 && expected.length < unfiltered.get(q)!.length) narrowed++;
      }
    }
    // The filters did narrow (the fixture is not trivially all-or-nothing).
    expect(narrowed).toBeGreaterThan(40);
  });

  it('names the dossier a hit is filed in, masked, so the list can group it there', { timeout: 120_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'), { key: null });
    const filled = fillSearchStore(db, 200);
    fileSomeOf(db, 'clerk', filled.batchId);
    const { hits } = everything(db, '王伟');
    const filedIn = (kind: string, id: string) =>
      db!
        .prepare(
          `SELECT i.dossier_id FROM items i WHERE i.id = CASE ? WHEN 'item' THEN ?
             WHEN 'document' THEN (SELECT item_id FROM documents WHERE id = ?)
             ELSE (SELECT d.item_id FROM pages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?) END`,
        )
        .pluck()
        .get(kind, id, id, id) ?? null;
    let grouped = 0;
    for (const h of hits) {
      if (h.kind === 'dossier') {
        expect(h.dossier).toBeNull();
        continue;
      }
      expect(h.dossier?.id ?? null, `${h.kind}:${h.id}`).toBe(filedIn(h.kind, h.id));
      if (h.dossier) {
        grouped++;
        expect(h.dossier.title).not.toContain(CUSTOMERS[0].证件号码);
      }
    }
    expect(grouped).toBeGreaterThan(0);
  });

  it('refuses single characters with a message, and drops trashed pages from the count', { timeout: 120_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'), { key: null });
    fillSearchStore(db, 200);
    const single = search(db, '王', 20);
    expect(single).toMatchObject({ hits: [], total: 0, refused: { code: 'single_character', terms: ['王'] } });
    expect(single.refused!.message).toContain('两个字');
    expect(search(db, '王伟 提', 20).refused).toMatchObject({ terms: ['提'] });

    const before = everything(db, '王伟');
    const page = before.hits.find((h) => h.kind === 'page')!;
    trashPages(db, 'clerk', [page.id], '重复扫描');
    const after = everything(db, '王伟');
    expect(after.total).toBe(before.total - 1);
    expect(keys(after.hits)).not.toContain(`page:${page.id}`);
    expect(keys(after.hits).sort()).toEqual(bruteForce(db, '王伟').filter((k) => k !== `page:${page.id}`));
  });
});
