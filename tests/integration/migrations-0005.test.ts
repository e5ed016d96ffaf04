import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { storeAt, tableSql } from '../helpers/migrated-store';

const HASH = 'b'.repeat(64);
const AT = '2025-01-02T03:04:05.000Z';

/** A store as the version before filing left it: a batch, one page, one draft item. */
function storeBefore(): Database.Database {
  return storeAt(4, (run) => {
    run("INSERT INTO station VALUES ('T_1', '柜台一号', 'J017', ?)", AT);
    run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B_1', 'b', 'counter', ?, ?)", AT, AT);
    run("INSERT INTO files VALUES (?, 10, 'image/jpeg', ?)", HASH, AT);
    run("INSERT INTO source_files VALUES ('F_1', 'B_1', ?, 'a.jpg', '/in/a.jpg', 1, ?)", HASH, AT);
    run("INSERT INTO items (id, batch_id, business, state, created_at) VALUES ('I_1', 'B_1', 'TQ-GF', 'draft', ?)", AT);
    run("INSERT INTO documents (id, batch_id, item_id, source_file_id, title, created_at) VALUES ('D_1', 'B_1', 'I_1', 'F_1', 'a.jpg', ?)", AT);
    run("INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at) VALUES ('P_1', 'B_1', 'D_1', 'F_1', 0, 1, 10, 10, 300, '{}', ?)", AT);
  });
}

describe('migration 0005 filing', () => {
  it('keeps existing items as draft version 0 and adds STRICT filing tables', () => {
    const db = storeBefore();
    expect(migrate(db, 5)).toBe(5);
    const sql = tableSql(db);
    for (const name of ['scheme_versions', 'dossiers', 'dossier_keys', 'item_versions', 'dossier_items', 'archival_counters', 'archival_codes', 'page_trash', 'sheets', 'page_barcodes', 'catalogues', 'catalogue_rows', 'keyings', 'qc_samples', 'qc_sample_pages', 'rescan_requests', 'classifier_weights']) {
      expect(sql.get(name), name).toMatch(/\)\s*STRICT\s*$/);
    }
    expect(db.prepare('SELECT id, business, state, version, business_date, filed_at, dossier_id FROM items').all()).toEqual([
      { id: 'I_1', business: 'TQ-GF', state: 'draft', version: 0, business_date: null, filed_at: null, dossier_id: null },
    ]);
    db.close();
  });

  it('makes what filing promises never to change append-only, and 件号 forward-only', () => {
    const db = storeBefore();
    migrate(db, 5);
    db.prepare("INSERT INTO scheme_versions VALUES (1, '{}', ?, 'admin', '默认', ?)").run(HASH, AT);
    db.prepare("INSERT INTO item_versions VALUES ('I_1', 1, 'TQ-GF', '2025-01-02', '{}', 1, 'clerk', '新建', ?)").run(AT);
    db.prepare("INSERT INTO archival_counters VALUES ('J017-GJJ·2025-D30-TQ', 1)").run();
    db.prepare("INSERT INTO archival_codes VALUES ('J017-GJJ·2025-D30-TQ-0001', 'J017-GJJ·2025-D30-TQ', 1, 'I_1', 'assigned', ?)").run(AT);
    db.prepare("INSERT INTO dossiers VALUES ('K_1', 'person', '张三 个人档案', ?, NULL)").run(AT);
    db.prepare("INSERT INTO dossier_items VALUES ('K_1', 1, 'I_1', 'clerk', ?)").run(AT);
    db.prepare("UPDATE items SET state = 'filed', filed_at = ?, dossier_id = 'K_1', business_date = '2025-01-02' WHERE id = 'I_1'").run(AT);

    expect(() => db.prepare("UPDATE archival_codes SET code = 'X' WHERE item_id = 'I_1'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM archival_codes").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE item_versions SET fields = '{\"x\":\"y\"}'").run()).toThrow(/append-only/);
    expect(() => db.prepare("DELETE FROM dossier_items").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE scheme_versions SET reason = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE archival_counters SET last = 0").run()).toThrow(/never reused/);
    expect(() => db.prepare("INSERT INTO archival_codes VALUES ('J017-GJJ·2025-D30-TQ-0001b', 'J017-GJJ·2025-D30-TQ', 1, 'I_2', 'assigned', ?)").run(AT)).toThrow();
    expect(() => db.prepare("UPDATE items SET dossier_id = NULL WHERE id = 'I_1'").run()).toThrow(/new versions/);
    expect(() => db.prepare("DELETE FROM items WHERE id = 'I_1'").run()).toThrow(/never deleted/);
    // Corrections bump the version; settlement is set once.
    db.prepare("UPDATE items SET version = 2 WHERE id = 'I_1'").run();
    db.prepare("UPDATE dossiers SET settled_on = '2045-01-01' WHERE id = 'K_1'").run();
    expect(() => db.prepare("UPDATE dossiers SET settled_on = '2046-01-01' WHERE id = 'K_1'").run()).toThrow(/only grows/);
    expect(() => db.prepare("INSERT INTO qc_samples VALUES ('Q_1', 'B_1', 0.01, 0.95, 1, 'open', 'qc', ?, NULL, NULL, NULL)").run(AT)).toThrow(/CHECK/);
    db.close();
  });
});
