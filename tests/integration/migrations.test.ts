import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrate, SchemaTooNewError } from '../../electron/core/store/migration';
import { migrations } from '../../electron/core/store/migrations';
import { openDatabase } from '../../electron/core/store/open-database';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
// The runner is the same on an encrypted file; tests/integration/store-encryption.test.ts covers that.
const PLAINTEXT = { key: null };

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{
    name: string;
    sql: string;
  }>);

describe('migration runner', () => {
  it('brings a new file to the latest version in WAL mode', async () => {
    const db = openDatabase(path.join(await tempDir(), 'a.sqlite'), PLAINTEXT);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', async () => {
    const file = path.join(await tempDir(), 'a.sqlite');
    openDatabase(file, PLAINTEXT).close();
    const db = openDatabase(file, PLAINTEXT);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    db.close();
  });

  it('refuses a database newer than itself and leaves it untouched', async () => {
    const file = path.join(await tempDir(), 'future.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestSchemaVersion() + 1}`);
    raw.exec('CREATE TABLE future_thing (x INTEGER) STRICT');
    raw.close();
    expect(() => openDatabase(file, PLAINTEXT)).toThrow(SchemaTooNewError);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(latestSchemaVersion() + 1);
    check.close();
  });

  it('numbers migrations 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});

describe('migration 0001 initial', () => {
  it('creates every foundation table as STRICT', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    const byName = new Map(tables(db).map((t) => [t.name, t.sql]));
    for (const name of ['station', 'settings', 'files', 'batches', 'source_files', 'items', 'documents', 'pages', 'derivatives', 'jobs', 'rejections', 'events']) {
      expect(byName.get(name), name).toMatch(/\)\s*STRICT\s*$/);
    }
    db.close();
  });

  it('rejects values of the wrong type and keeps the audit log append-only', () => {
    const db = new Database(':memory:');
    migrate(db, 1);
    expect(() => db.prepare("INSERT INTO files (sha256, size, mime, created_at) VALUES (?, 'big', 'x', 'now')").run('a'.repeat(64))).toThrow();
    db.prepare("INSERT INTO events (at, actor, kind, subject, data, prev_hash, hash) VALUES ('t', 'a', 'k', 's', '{}', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE events SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    db.close();
  });

  it('enforces one copy of the same content per batch', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, 1);
    const sha = 'b'.repeat(64);
    db.prepare("INSERT INTO files VALUES (?, 1, 'image/png', 't')").run(sha);
    db.prepare("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B1', 'n', 'counter', 't', 't')").run();
    const insert = db.prepare("INSERT INTO source_files VALUES (?, 'B1', ?, 'a.png', '/a.png', 1, 't')");
    insert.run('F1', sha);
    expect(() => insert.run('F2', sha)).toThrow(/UNIQUE/);
    db.close();
  });
});
