import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { storeAt, tableSql } from '../helpers/migrated-store';

const TABLES = ['sync_targets', 'transfers', 'transfer_files', 'transfer_uploads', 'transfer_parts', 'sync_lease', 'reference_data', 'purged_files'];

describe('migration 0002 transfer-queue', () => {
  it('adds the queue tables, STRICT, to a store with batches, keeping its rows', () => {
    const db = storeAt(1);
    const sha = 'a'.repeat(64);
    db.prepare("INSERT INTO files VALUES (?, 10, 'image/jpeg', 't')").run(sha);
    db.prepare("INSERT INTO batches (id, name, kind, state, created_at, updated_at) VALUES ('B1', '批次', 'counter', 'closed', 't', 't')").run();
    expect(migrate(db, 2)).toBe(2);
    const tables = tableSql(db);
    for (const name of TABLES) expect(tables.get(name), name).toMatch(/\)\s*STRICT\s*$/);
    expect(db.prepare('SELECT name FROM batches').pluck().get()).toBe('批次');

    // A batch's bag and its progress on a target.
    db.prepare("INSERT INTO transfers (batch_id, state, queued_at, updated_at) VALUES ('B1', 'uploading', 't', 't')").run();
    db.prepare("INSERT INTO transfer_files VALUES ('B1', 'data/a.jpg', 'image', ?, ?, 10, 0)").run(sha, 'b'.repeat(128));
    db.prepare("INSERT INTO transfer_uploads VALUES ('B1', 's3://x/', 'data/a.jpg', 'sending', 'U1', 't')").run();
    db.prepare("INSERT INTO transfer_parts VALUES ('B1', 's3://x/', 'data/a.jpg', 'U1', 1, 'etag', 5, 'c2hh')").run();
    db.close();
  });

  it('refuses states outside the machine, files not in the store, and orphan parts; parts go with their upload', () => {
    const db = storeAt(2);
    const sha = 'a'.repeat(64);
    db.prepare("INSERT INTO files VALUES (?, 10, 'image/jpeg', 't')").run(sha);
    db.prepare("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B1', 'n', 'counter', 't', 't')").run();
    expect(() => db.prepare("INSERT INTO transfers (batch_id, state, queued_at, updated_at) VALUES ('B1', 'lost', 't', 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO transfers (batch_id, state, queued_at, updated_at) VALUES ('B9', 'queued', 't', 't')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO transfers (batch_id, state, queued_at, updated_at) VALUES ('B1', 'queued', 't', 't')").run();
    expect(() => db.prepare("INSERT INTO transfer_files VALUES ('B1', 'data/x', 'image', ?, ?, 1, 0)").run('f'.repeat(64), 'b'.repeat(128))).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO transfer_files VALUES ('B1', 'data/x', 'image', ?, 'short', 1, 0)").run(sha)).toThrow(/CHECK/);
    db.prepare("INSERT INTO transfer_files VALUES ('B1', 'data/a.jpg', 'image', ?, ?, 10, 0)").run(sha, 'b'.repeat(128));
    expect(() => db.prepare("INSERT INTO transfer_parts VALUES ('B1', 't', 'data/a.jpg', 'U1', 1, 'e', 5, 's')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO transfer_uploads VALUES ('B1', 't', 'data/a.jpg', 'sending', 'U1', 't')").run();
    db.prepare("INSERT INTO transfer_parts VALUES ('B1', 't', 'data/a.jpg', 'U1', 1, 'e', 5, 's')").run();
    expect(() => db.prepare("INSERT INTO transfer_parts VALUES ('B1', 't', 'data/a.jpg', 'U1', 10001, 'e', 5, 's')").run()).toThrow(/CHECK/);
    db.prepare("DELETE FROM transfer_uploads WHERE batch_id = 'B1'").run();
    expect(db.prepare('SELECT count(*) FROM transfer_parts').pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO sync_lease VALUES (2, 'o', 1, 't')").run()).toThrow(/CHECK/);
    db.close();
  });
});
