import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { storeAt } from '../helpers/migrated-store';

/** Migration 0003 (OCR): results, page requests, and leases on the job queue. */
describe('migration 0003 ocr', () => {
  const at = '2025-05-06T08:00:00.000Z';

  function storeAt2(): Database.Database {
    return storeAt(2, (run) => {
      const sha = 'a'.repeat(64);
      run("INSERT INTO files VALUES (?, 1, 'image/jpeg', ?)", sha, at);
      run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B1', '柜台', 'counter', ?, ?)", at, at);
      run("INSERT INTO source_files VALUES ('F1', 'B1', ?, 'a.jpg', '/a.jpg', 1, ?)", sha, at);
      run("INSERT INTO documents (id, batch_id, source_file_id, title, created_at) VALUES ('D1', 'B1', 'F1', 'a', ?)", at);
      run("INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, created_at) VALUES ('P1', 'B1', 'D1', 'F1', 0, 1, 10, 10, ?)", at);
      // A job queued before the upgrade must survive it and stay claimable.
      run("INSERT INTO jobs (id, kind, state, priority, dedupe_key, payload, created_at, updated_at) VALUES ('J1', 'other', 'queued', 5, 'k1', '{}', ?, ?)", at, at);
    });
  }

  it('adds the OCR tables as STRICT and keeps queued jobs, with lease columns', () => {
    const db = storeAt2();
    migrate(db, 3);
    for (const table of ['ocr_results', 'page_ocr']) {
      const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = ?").pluck().get(table) as string;
      expect(sql, table).toMatch(/\)\s*STRICT\s*$/);
    }
    expect(db.prepare('SELECT id, state, priority, lease_owner, lease_until FROM jobs').all()).toEqual([
      { id: 'J1', state: 'queued', priority: 5, lease_owner: null, lease_until: null },
    ]);
    db.prepare("UPDATE jobs SET lease_owner = 'host:1:R', lease_until = 123 WHERE id = 'J1'").run();
    expect(db.prepare('SELECT lease_until FROM jobs').pluck().get()).toBe(123);
    db.close();
  });

  it('stores one result per key for an existing image, and one request per page', () => {
    const db = storeAt2();
    migrate(db, 3);
    const key = 'b'.repeat(64);
    const insert = db.prepare(
      `INSERT INTO ocr_results (key, image_sha256, engine, model, settings, text, confidence, angle, width, height, lines, seconds, created_at)
       VALUES (?, ?, 'ppocr', 'm', '{}', '住房公积金', 0.9, 0, 10, 10, '[]', 1.2, ?)`,
    );
    insert.run(key, 'a'.repeat(64), at);
    expect(() => insert.run(key, 'a'.repeat(64), at)).toThrow(/UNIQUE/);
    expect(() => insert.run('c'.repeat(64), 'f'.repeat(64), at)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare("INSERT INTO ocr_results (key, image_sha256, engine, model, settings, text, confidence, angle, width, height, lines, seconds, created_at) VALUES (?, ?, 'abbyy', 'm', '{}', '', 0, 0, 1, 1, '[]', 0, ?)").run('d'.repeat(64), 'a'.repeat(64), at),
    ).toThrow(/CHECK/);
    db.prepare("INSERT INTO page_ocr VALUES ('P1', ?, 'ppocr', ?)").run(key, at);
    expect(() => db.prepare("INSERT INTO page_ocr VALUES ('P1', ?, 'ppocr', ?)").run(key, at)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO page_ocr VALUES ('P9', ?, 'ppocr', ?)").run(key, at)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO page_ocr VALUES ('P1', 'short', 'ppocr', ?)").run(at)).toThrow();
    db.close();
  });
});
