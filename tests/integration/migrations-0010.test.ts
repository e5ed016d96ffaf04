import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { storeAt, tableSql } from '../helpers/migrated-store';

const AT = '2026-03-02T01:00:00.000Z';
const HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
const addUser = (db: ReturnType<typeof storeAt>, id: string, role: string) =>
  db
    .prepare('INSERT INTO users (id, name, role, password_hash, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(id, id, role, HASH, AT, 'admin', AT);

describe('migration 0010 station head role', () => {
  it('keeps every user as it was and admits the station head (站长), still STRICT and checked', () => {
    const db = storeAt(9, (run) => {
      run(
        `INSERT INTO users (id, name, role, password_hash, disabled_at, failed_sign_ins, locked_until, created_at, created_by, updated_at)
         VALUES ('U_1', 'Wang', 'clerk', ?, ?, 3, ?, ?, 'admin', ?)`,
        HASH, AT, AT, AT, AT,
      );
    });
    expect(() => addUser(db, 'U_2', 'head')).toThrow(/CHECK constraint/);
    const before = db.prepare('SELECT * FROM users').all();
    expect(migrate(db, 10)).toBe(10);
    expect(db.prepare('SELECT * FROM users').all()).toEqual(before);
    addUser(db, 'U_2', 'head');
    expect(() => addUser(db, 'U_3', 'boss')).toThrow(/CHECK constraint/);
    // Names stay unique whatever their case, as before.
    expect(() => addUser(db, 'wang', 'qc')).toThrow(/UNIQUE/);
    expect(tableSql(db).get('users')).toMatch(/STRICT$/);
    expect(tableSql(db).has('users_next')).toBe(false);
    db.close();
  });
});
