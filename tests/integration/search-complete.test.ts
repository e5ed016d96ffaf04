import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillSearchStore, type FilledStore } from '../../electron/core/bench/search-store';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { trashPages } from '../../electron/core/pages/page-ops';
import { searchArchive } from '../../electron/core/search/search-index';
import { openDatabase, type Db } from '../../electron/core/store/open-database';
import { searchTerms } from '../../shared/search/search-query';
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

const search = (store: Db, query: string, limit: number) => searchArchive(store, defaultSchemeBody(), query, limit);
const everything = (store: Db, query: string) => search(store, query, 1_000_000);
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
    'name + word': ['王伟 提取', '张伟 借款', `${twoChar[0]} 借款合同`, '李伟 身份 110101'],
    'punctuation, digits and Latin': ['字。', '2023年3', '.7', 'PP'],
  };
}

describe('search at scale: the indexes find what a full scan finds', () => {
  it('gives, for every query class, the same hits as a brute-force scan, counts them all and returns the best N of the whole set', { timeout: 240_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'));
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
    // The common two-character name is on many pages, more than a list shows.
    expect(everything(db, '王伟').total).toBeGreaterThan(50);
  });

  it('refuses single characters with a message, and drops trashed pages from the count', { timeout: 120_000 }, async () => {
    db = openDatabase(path.join(await tempDir(), 'desk.sqlite'));
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
