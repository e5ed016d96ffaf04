import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { storeAt } from '../helpers/migrated-store';

const AT = '2025-01-02T03:04:05.000Z';
const HASH = 'scrypt$16384$8$1$c2FsdA==$a2V5';

/** A store as the version before users left it: the station and one audited batch. */
function storeBefore(): Database.Database {
  return storeAt(6, (run) => {
    run("INSERT INTO station VALUES ('T_1', '柜台一号', 'J017', ?)", AT);
    run("INSERT INTO batches (id, name, kind, created_at, updated_at) VALUES ('B_1', 'b', 'counter', ?, ?)", AT, AT);
  });
}

describe('migration 0007 users', () => {
  it('adds a STRICT users table and keeps what was there', () => {
    const db = storeBefore();
    expect(migrate(db, 7)).toBe(7);
    const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'users'").pluck().get() as string;
    expect(sql).toMatch(/\)\s*STRICT\s*$/);
    expect(db.prepare('SELECT count(*) FROM users').pluck().get()).toBe(0);
    expect(db.prepare('SELECT id FROM batches').pluck().all()).toEqual(['B_1']);
    db.close();
  });

  it('holds only scrypt hashes, known roles, and one user per name whatever its case', () => {
    const db = storeBefore();
    migrate(db, 7);
    const add = db.prepare('INSERT INTO users (id, name, role, password_hash, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    add.run('U_1', 'Admin', 'admin', HASH, AT, 'os', AT);
    expect(db.prepare('SELECT failed_sign_ins, locked_until, disabled_at FROM users').get()).toEqual({ failed_sign_ins: 0, locked_until: null, disabled_at: null });
    expect(() => add.run('U_2', 'admin', 'clerk', HASH, AT, 'os', AT)).toThrow(/UNIQUE/);
    expect(() => add.run('U_3', 'clerk', 'cashier', HASH, AT, 'os', AT)).toThrow(/CHECK/);
    expect(() => add.run('U_4', 'clerk', 'clerk', '2468', AT, 'os', AT)).toThrow(/CHECK/);
    expect(() => add.run('U_5', '', 'clerk', HASH, AT, 'os', AT)).toThrow(/CHECK/);
    db.close();
  });
});
