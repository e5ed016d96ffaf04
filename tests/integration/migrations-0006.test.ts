import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { storeAt } from '../helpers/migrated-store';
import { migration0006 } from '../../electron/core/store/migrations/0006-search';

const HASH = 'b'.repeat(64);
const KEY = 'c'.repeat(64);
const AT = '2025-01-02T03:04:05.000Z';
const SEARCH = migration0006.version;

/** A store as the version before search left it: a page read by OCR, a filed item in a dossier, a document. */
function storeBefore(): Database.Database {
  return storeAt(SEARCH - 1, (run) => {
    run("INSERT INTO station VALUES ('T_1', '柜台一号', 'J017', ?)", AT);
    run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B_1', '存量第42盒', 'backfile', ?, ?)", AT, AT);
    run("INSERT INTO files VALUES (?, 10, 'image/jpeg', ?)", HASH, AT);
    run("INSERT INTO source_files VALUES ('F_1', 'B_1', ?, 'a.jpg', '/in/a.jpg', 1, ?)", HASH, AT);
    run("INSERT INTO items (id, batch_id, business, business_date, state, version, created_at) VALUES ('I_1', 'B_1', 'TQ-GF', '2025-01-02', 'draft', 1, ?)", AT);
    run("INSERT INTO documents (id, batch_id, item_id, source_file_id, material, title, created_at) VALUES ('D_1', 'B_1', 'I_1', 'F_1', 'SFZ', '身份证', ?)", AT);
    run("INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at) VALUES ('P_1', 'B_1', 'D_1', 'F_1', 0, 1, 10, 10, 300, '{}', ?)", AT);
    run("INSERT INTO derivatives VALUES ('V_1', 'P_1', 'image', ?, 10, 10, 'image/jpeg', '[]', ?)", HASH, AT);
    run(
      "INSERT INTO ocr_results VALUES (?, ?, 'ppocr', 'PP-OCRv4', '{}', ?, 0.9, 0, 10, 10, '[]', 1, ?)",
      KEY, HASH, '居民身份证复印件\n姓名 邓芳\n公民身份号码 110105199312075284', AT,
    );
    run("INSERT INTO page_ocr VALUES ('P_1', ?, 'ppocr', ?)", KEY, AT);
    run("INSERT INTO scheme_versions VALUES (1, '{}', ?, 'system', '默认', ?)", HASH, AT);
    run("INSERT INTO item_versions VALUES ('I_1', 1, 'TQ-GF', '2025-01-02', ?, 1, 'clerk', '新建', ?)", JSON.stringify({ 姓名: '邓芳', 证件号码: '110105199312075284' }), AT);
    run("INSERT INTO archival_codes VALUES ('J017-GJJ·2025-D30-TQ-0001', 'J017-GJJ·2025-D30-TQ', 1, 'I_1', 'assigned', ?)", AT);
    run("INSERT INTO dossiers VALUES ('K_1', 'person', '邓芳 个人档案', ?, NULL)", AT);
    run("INSERT INTO dossier_keys VALUES ('person', '证件号码', '110105199312075284', 'K_1')");
    run("INSERT INTO dossier_items VALUES ('K_1', 1, 'I_1', 'clerk', ?)", AT);
  });
}

/**
 * What the 0006 index holds for a term: its records whose indexed text contains it (trigram MATCH
 * for three or more characters, as 0006's search did, a substring test for shorter ones). Read
 * from the version-6 tables directly: today's search runs on the indexes of later versions.
 */
const search = (db: Database.Database, q: string) =>
  (
    [...q].length >= 3
      ? db.prepare(`${INDEXED} WHERE search_fts MATCH ?`).pluck().all(`"${q}"`)
      : db.prepare(`${INDEXED} WHERE instr(search_fts.compact, ?) > 0`).pluck().all(q)
  ).sort() as string[];
const INDEXED = "SELECT d.kind || ':' || d.ref FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid";

describe('migration 0006 search', () => {
  it('indexes what the store already holds (OCR text, documents, items, dossiers) in a STRICT map and an FTS5 trigram table', () => {
    const db = storeBefore();
    expect(migrate(db, SEARCH)).toBe(SEARCH);
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_docs'").pluck().get() as string;
    expect(sql).toMatch(/\)\s*STRICT\s*$/);
    expect(db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'search_fts'").pluck().get()).toMatch(/fts5\(.*trigram/);
    expect(db.prepare('SELECT kind, ref FROM search_docs ORDER BY kind').all()).toEqual([
      { kind: 'document', ref: 'D_1' },
      { kind: 'dossier', ref: 'K_1' },
      { kind: 'item', ref: 'I_1' },
      { kind: 'page', ref: 'P_1' },
    ]);
    expect(search(db, '居民身份证')).toEqual(['page:P_1']);
    expect(search(db, '邓芳')).toEqual(['dossier:K_1', 'item:I_1', 'page:P_1']);
    expect(search(db, '19931207')).toEqual(['dossier:K_1', 'item:I_1', 'page:P_1']);
    expect(search(db, 'TQ-0001')).toEqual(['dossier:K_1', 'item:I_1']);
    expect(search(db, '身份证')).toEqual(['document:D_1', 'page:P_1']);
    db.close();
  });

  it('keeps the index current by trigger in the writing transaction, and a rollback takes the index change back', () => {
    const db = storeBefore();
    migrate(db, SEARCH);
    const newKey = 'd'.repeat(64);
    db.transaction(() => {
      db.prepare("UPDATE page_ocr SET ocr_key = ? WHERE page_id = 'P_1'").run(newKey);
      db.prepare("INSERT INTO ocr_results VALUES (?, ?, 'tesseract', 'tess', '{}', '结婚证 持证人 王晓明', 0.8, 0, 10, 10, '[]', 1, ?)").run(newKey, HASH, AT);
    })();
    expect(search(db, '居民身份证')).toEqual([]);
    expect(search(db, '王晓明')).toEqual(['page:P_1']);

    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO item_versions VALUES ('I_1', 2, 'TQ-GF', '2025-01-02', ?, 1, 'clerk', '更正', ?)").run(JSON.stringify({ 姓名: '邓芳芳' }), AT);
        throw new Error('crash before commit');
      })(),
    ).toThrow('crash before commit');
    expect(search(db, '邓芳芳')).toEqual([]);

    db.prepare("UPDATE documents SET title = '结婚证', material = 'JHZ' WHERE id = 'D_1'").run();
    expect(search(db, '结婚证')).toEqual(['document:D_1', 'page:P_1']);
    expect(db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"身份证\"'").pluck().get()).toBe(0);
    db.close();
  });
});
