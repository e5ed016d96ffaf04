import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { storeAt, tableSql } from '../helpers/migrated-store';

const HASH = 'a'.repeat(64);

/** A store as the version before capture left it: one batch with one imported page. */
function storeBefore(): Database.Database {
  return storeAt(3, (run) => {
    const at = '2025-01-02T03:04:05.000Z';
    run("INSERT INTO station VALUES ('T_1', '柜台一号', 'J017', ?)", at);
    run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B_1', 'b', 'counter', ?, ?)", at, at);
    run("INSERT INTO files VALUES (?, 10, 'image/jpeg', ?)", HASH, at);
    run("INSERT INTO source_files VALUES ('F_1', 'B_1', ?, 'a.jpg', '/in/a.jpg', 1, ?)", HASH, at);
    run("INSERT INTO documents (id, batch_id, source_file_id, title, created_at) VALUES ('D_1', 'B_1', 'F_1', 'a.jpg', ?)", at);
    run("INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at) VALUES ('P_1', 'B_1', 'D_1', 'F_1', 0, 1, 10, 10, 300, '{\"lowDpi\":true}', ?)", at);
  });
}

describe('migration 0004 capture', () => {
  it('adds fingerprints, profiles, sessions and captured files as STRICT tables and keeps existing pages', () => {
    const db = storeBefore();
    expect(migrate(db, 4)).toBe(4);
    const sql = tableSql(db);
    for (const name of ['page_fingerprints', 'scan_profiles', 'scan_sessions', 'captured_files']) expect(sql.get(name), name).toMatch(/\)\s*STRICT\s*$/);
    expect(db.prepare('SELECT id, flags FROM pages').all()).toEqual([{ id: 'P_1', flags: '{"lowDpi":true}' }]);

    const at = '2025-02-03T04:05:06.000Z';
    db.prepare("INSERT INTO page_fingerprints VALUES ('P_1', 'B_1', ?, ?, 0)").run(HASH, Buffer.alloc(256, 7));
    expect(() => db.prepare("INSERT INTO page_fingerprints VALUES ('P_1', 'B_1', ?, ?, 0)").run(HASH, Buffer.alloc(256))).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO page_fingerprints VALUES ('P_2', 'B_1', ?, ?, 0)").run(HASH, Buffer.alloc(255))).toThrow();
    db.prepare("INSERT INTO scan_profiles VALUES ('R_1', 'T_1', '提取 ADF', 1, '{}', ?, ?)").run(at, at);
    expect(() => db.prepare("INSERT INTO scan_profiles VALUES ('R_2', 'T_1', '贷款', 1, '{}', ?, ?)").run(at, at)).toThrow(/UNIQUE/);
    db.prepare("INSERT INTO scan_sessions (id, batch_id, settings, actor, pid, state, started_at) VALUES ('S_1', 'B_1', '{}', 'clerk', 1, 'failed', ?)").run(at);
    expect(() => db.prepare("INSERT INTO scan_sessions (id, batch_id, settings, actor, pid, state, started_at) VALUES ('S_2', 'B_1', '{}', 'clerk', 1, 'paused', ?)").run(at)).toThrow(/CHECK/);
    db.prepare("INSERT INTO captured_files VALUES ('F_1', 'S_1', 1, 1, 'front', ?)").run(at);
    expect(() => db.prepare("INSERT INTO captured_files VALUES ('F_2', 'S_1', 1, 1, 'front', ?)").run(at)).toThrow();
    db.close();
  });
});
