import type Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { numberMatches } from '../../electron/core/search/number-matches';
import { searchArchive } from '../../electron/core/search/search-index';
import { migrate } from '../../electron/core/store/migration';
import { migration0013 } from '../../electron/core/store/migrations/0013-search-numbers';
import { searchTerms } from '../../shared/search/search-query';
import { storeAt } from '../helpers/migrated-store';

const HASH = 'b'.repeat(64);
const AT = '2025-01-02T03:04:05.000Z';
const NUMBERS = migration0013.version;

/** A store as 0012 left it: a read page with a letter-spaced ID number, a filed item holding it, a document. */
function storeBefore(): Database.Database {
  return storeAt(NUMBERS - 1, (run) => {
    run("INSERT INTO station VALUES ('T_1', '柜台一号', 'J017', ?)", AT);
    run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B_1', '存量第42盒', 'backfile', ?, ?)", AT, AT);
    run("INSERT INTO files (sha256, size, mime, created_at) VALUES (?, 10, 'image/jpeg', ?)", HASH, AT);
    run("INSERT INTO source_files VALUES ('F_1', 'B_1', ?, 'a.jpg', '/in/a.jpg', 1, ?)", HASH, AT);
    run("INSERT INTO items (id, batch_id, business, business_date, state, version, created_at) VALUES ('I_1', 'B_1', 'TQ-GF', '2025-01-02', 'draft', 1, ?)", AT);
    run("INSERT INTO documents (id, batch_id, item_id, source_file_id, material, title, created_at) VALUES ('D_1', 'B_1', 'I_1', 'F_1', 'SFZ', '身份证', ?)", AT);
    run("INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at) VALUES ('P_1', 'B_1', 'D_1', 'F_1', 0, 1, 10, 10, 300, '{}', ?)", AT);
    run("INSERT INTO ocr_results VALUES (?, ?, 'ppocr', 'PP-OCRv4', '{}', ?, 0.9, 0, 10, 10, '[]', 1, ?)", 'c'.repeat(64), HASH, '公民身份号码 1 1 0 1 0 5 1 9 9 3 1 2 0 7 5 2 8 4\n账号 12345', AT);
    run("INSERT INTO page_ocr VALUES ('P_1', ?, 'ppocr', ?)", 'c'.repeat(64), AT);
    run("INSERT INTO scheme_versions VALUES (1, '{}', ?, 'system', '默认', ?)", HASH, AT);
    run("INSERT INTO item_versions VALUES ('I_1', 1, 'TQ-GF', '2025-01-02', ?, 1, 'clerk', '新建', ?)", JSON.stringify({ 姓名: '邓芳', 证件号码: '110105199312075284' }), AT);
  });
}

const found = (db: Database.Database, q: string) => searchArchive(db, defaultSchemeBody(), q, 20).hits.map((h) => `${h.kind}:${h.id}`).sort();
/** What the number index alone finds (null: it would hand the query to the trigram index). */
const byNumbers = (db: Database.Database, q: string) => numberMatches(db, searchTerms(q), 20, null)?.rows.map((r) => `${r.kind}:${r.ref}`).sort() ?? null;

describe('migration 0013 search-numbers', () => {
  it('indexes the six-digit windows of every number the store holds, and numbers are found through it', () => {
    const db = storeBefore();
    expect(migrate(db, NUMBERS)).toBe(NUMBERS);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_num'").pluck().get()).toMatch(/content\s*=\s*''.*detail\s*=\s*none/);
    expect(byNumbers(db, '110105199312075284')).toEqual(['item:I_1', 'page:P_1']);
    expect(byNumbers(db, '075284')).toEqual(['item:I_1', 'page:P_1']);
    expect(byNumbers(db, '19931207')).toEqual(['item:I_1', 'page:P_1']);
    // A run of five digits holds no window: the trigram index answers it, as before.
    expect(found(db, '12345')).toEqual(['page:P_1']);
    expect(byNumbers(db, '110105199312075285')).toEqual([]);
    db.close();
  });

  it('keeps the number index current by trigger in the writing transaction; trashing a page drops it', () => {
    const db = storeBefore();
    migrate(db, NUMBERS);
    const newKey = 'd'.repeat(64);
    db.transaction(() => {
      db.prepare("UPDATE page_ocr SET ocr_key = ? WHERE page_id = 'P_1'").run(newKey);
      db.prepare("INSERT INTO ocr_results VALUES (?, ?, 'tesseract', 'tess', '{}', '结婚证 持证人 王晓明 320102198001010016', 0.8, 0, 10, 10, '[]', 1, ?)").run(newKey, HASH, AT);
    })();
    expect(byNumbers(db, '320102198001010016')).toEqual(['page:P_1']);
    expect(byNumbers(db, '110105199312075284')).toEqual(['item:I_1']);
    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO item_versions VALUES ('I_1', 2, 'TQ-GF', '2025-01-02', ?, 1, 'clerk', '更正', ?)").run(JSON.stringify({ 证件号码: '440106200006115813' }), AT);
        throw new Error('crash before commit');
      })(),
    ).toThrow('crash before commit');
    expect(byNumbers(db, '440106200006115813')).toEqual([]);
    db.prepare("INSERT INTO page_trash VALUES ('P_1', '错页', 'clerk', ?)").run(AT);
    expect(byNumbers(db, '320102198001010016')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM search_num WHERE search_num MATCH '010016'").pluck().get()).toBe(0);
    db.close();
  });
});
