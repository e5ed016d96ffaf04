import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { searchArchive } from '../../electron/core/search/search-index';
import { migrate } from '../../electron/core/store/migration';
import { migration0008 } from '../../electron/core/store/migrations/0008-search-bigrams';
import { storeAt } from '../helpers/migrated-store';

const HASH = 'b'.repeat(64);
const AT = '2025-01-02T03:04:05.000Z';
const BIGRAMS = migration0008.version;

const page = (run: (sql: string, ...p: unknown[]) => void, id: string, seq: number, key: string, text: string) => {
  run("INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at) VALUES (?, 'B_1', 'D_1', 'F_1', ?, ?, 10, 10, 300, '{}', ?)", id, seq - 1, seq, AT);
  run("INSERT INTO ocr_results VALUES (?, ?, 'ppocr', 'PP-OCRv4', '{}', ?, 0.9, 0, 10, 10, '[]', 1, ?)", key, HASH, text, AT);
  run("INSERT INTO page_ocr VALUES (?, ?, 'ppocr', ?)", id, key, AT);
};

/** A store as the version before left it: two read pages (one in the trash), a filed item in a dossier, a document. */
function storeBefore(): Database.Database {
  return storeAt(BIGRAMS - 1, (run) => {
    run("INSERT INTO station VALUES ('T_1', '柜台一号', 'J017', ?)", AT);
    run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B_1', '存量第42盒', 'backfile', ?, ?)", AT, AT);
    run("INSERT INTO files VALUES (?, 10, 'image/jpeg', ?)", HASH, AT);
    run("INSERT INTO source_files VALUES ('F_1', 'B_1', ?, 'a.jpg', '/in/a.jpg', 1, ?)", HASH, AT);
    run("INSERT INTO items (id, batch_id, business, business_date, state, version, created_at) VALUES ('I_1', 'B_1', 'TQ-GF', '2025-01-02', 'draft', 1, ?)", AT);
    run("INSERT INTO documents (id, batch_id, item_id, source_file_id, material, title, created_at) VALUES ('D_1', 'B_1', 'I_1', 'F_1', 'SFZ', '身份证', ?)", AT);
    page(run, 'P_1', 1, 'c'.repeat(64), '居民身份证复印件\n姓名 邓芳\n公民身份号码 1 1 0 1 0 5 1 9 9 3 1 2 0 7 5 2 8 4');
    page(run, 'P_2', 2, 'e'.repeat(64), '重复扫描 邓芳 ABC');
    run("INSERT INTO page_trash VALUES ('P_2', '重复扫描', 'clerk', ?)", AT);
    run("INSERT INTO scheme_versions VALUES (1, '{}', ?, 'system', '默认', ?)", HASH, AT);
    run("INSERT INTO item_versions VALUES ('I_1', 1, 'TQ-GF', '2025-01-02', ?, 1, 'clerk', '新建', ?)", JSON.stringify({ 姓名: '邓芳', 证件号码: '110105199312075284' }), AT);
    run("INSERT INTO archival_codes VALUES ('J017-GJJ·2025-D30-TQ-0001', 'J017-GJJ·2025-D30-TQ', 1, 'I_1', 'assigned', ?)", AT);
    run("INSERT INTO dossiers VALUES ('K_1', 'person', '邓芳 个人档案', ?, NULL)", AT);
    run("INSERT INTO dossier_keys VALUES ('person', '证件号码', '110105199312075284', 'K_1')");
    run("INSERT INTO dossier_items VALUES ('K_1', 1, 'I_1', 'clerk', ?)", AT);
  });
}

const search = (db: Database.Database, q: string) => {
  const answer = searchArchive(db, defaultSchemeBody(), q, 20);
  return { found: answer.hits.map((h) => `${h.kind}:${h.id}`).sort(), total: answer.total };
};
const found = (db: Database.Database, q: string) => search(db, q).found;
const objects = (db: Database.Database, type: string) =>
  db.prepare('SELECT name FROM sqlite_schema WHERE type = ? AND name LIKE ? ORDER BY name').pluck().all(type, 'search%') as string[];

describe('migration 0008 search-bigrams', () => {
  it('replaces the trigram table storing each text twice by contentless trigram and two-character indexes, and indexes what the store holds', () => {
    const db = storeBefore();
    expect(migrate(db, BIGRAMS)).toBe(BIGRAMS);
    expect(objects(db, 'table')).not.toContain('search_fts');
    for (const t of ['search_tri', 'search_bi']) {
      expect(db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(t)).toMatch(/content\s*=\s*''.*contentless_delete\s*=\s*1/);
    }
    // The trashed page left the index; everything else is found, two-character terms through the index.
    expect(db.prepare('SELECT kind, ref FROM search_docs ORDER BY kind, ref').all()).toEqual([
      { kind: 'document', ref: 'D_1' },
      { kind: 'dossier', ref: 'K_1' },
      { kind: 'item', ref: 'I_1' },
      { kind: 'page', ref: 'P_1' },
    ]);
    expect(search(db, '邓芳')).toEqual({ found: ['dossier:K_1', 'item:I_1', 'page:P_1'], total: 3 });
    expect(found(db, '居民身份证')).toEqual(['page:P_1']);
    // Five digits: a later migration's number index takes runs of six, this one is the trigram index's.
    expect(found(db, '31207')).toEqual(['dossier:K_1', 'item:I_1', 'page:P_1']);
    expect(found(db, '身份 19931207')).toEqual(['page:P_1']);
    expect(found(db, '52')).toEqual(['dossier:K_1', 'item:I_1', 'page:P_1']);
    expect(found(db, 'TQ-0001')).toEqual(['dossier:K_1', 'item:I_1']);
    expect(found(db, 'tq')).toEqual(['dossier:K_1', 'item:I_1']);
    expect(found(db, 'AB')).toEqual([]);
    db.close();
  });

  it('keeps both indexes current by trigger in the writing transaction; a rollback takes the change back; trashing a page drops it', () => {
    const db = storeBefore();
    migrate(db, BIGRAMS);
    const newKey = 'd'.repeat(64);
    db.transaction(() => {
      db.prepare("UPDATE page_ocr SET ocr_key = ? WHERE page_id = 'P_1'").run(newKey);
      db.prepare("INSERT INTO ocr_results VALUES (?, ?, 'tesseract', 'tess', '{}', '结婚证 持证人 王晓明', 0.8, 0, 10, 10, '[]', 1, ?)").run(newKey, HASH, AT);
    })();
    expect(found(db, '居民身份证')).toEqual([]);
    expect(found(db, '晓明')).toEqual(['page:P_1']);
    expect(found(db, '王晓明')).toEqual(['page:P_1']);

    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO item_versions VALUES ('I_1', 2, 'TQ-GF', '2025-01-02', ?, 1, 'clerk', '更正', ?)").run(JSON.stringify({ 姓名: '邓芳芳' }), AT);
        throw new Error('crash before commit');
      })(),
    ).toThrow('crash before commit');
    expect(found(db, '芳芳')).toEqual([]);

    db.prepare("INSERT INTO page_trash VALUES ('P_1', '错页', 'clerk', ?)").run(AT);
    expect(found(db, '晓明')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM search_docs WHERE kind = 'page'").pluck().get()).toBe(0);
    // Nothing is left of the page in either index (contentless tables answer MATCH only).
    expect(db.prepare("SELECT count(*) FROM search_tri WHERE search_tri MATCH '\"王晓明\"'").pluck().get()).toBe(0);
    db.close();
  });
});
