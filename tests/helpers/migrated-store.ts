import Database from 'better-sqlite3-multiple-ciphers';
import { migrate } from '../../electron/core/store/migration';

/** Runs one statement on the store being seeded. */
export type Run = (sql: string, ...params: unknown[]) => void;

/**
 * A migration's test starts from a real store one version back: an in-memory database migrated to
 * `version` with foreign keys on (as the desk opens it), seeded with the rows the next migration
 * must keep.
 */
export function storeAt(version: number, seed?: (run: Run) => void): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  seed?.((sql, ...params) => void db.prepare(sql).run(...params));
  return db;
}

/** Each table's CREATE statement by name, to check that new tables are STRICT. */
export function tableSql(db: Database.Database): Map<string, string> {
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string; sql: string }>;
  return new Map(tables.map((t) => [t.name, t.sql]));
}
