import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/store/migration';
import { migration0011 } from '../../electron/core/store/migrations/0011-sm3-fixity-and-duties';
import { fileRowWriter } from '../../electron/core/store/repo/file-rows';
import { storeAt, tableSql } from '../helpers/migrated-store';

const SM3_FIXITY = migration0011.version;
const HASH = 'b'.repeat(64);
const AT = '2025-01-02T03:04:05.000Z';

describe('migration 0011 SM3 fixity and 三员 duties', () => {
  it('keeps every object row without an SM3, takes one when the same bytes are stored again, refuses malformed ones', () => {
    const db = storeAt(SM3_FIXITY - 1, (run) => {
      run("INSERT INTO files VALUES (?, 10, 'image/jpeg', ?)", HASH, AT);
    });
    expect(migrate(db, SM3_FIXITY)).toBe(SM3_FIXITY);
    expect(db.prepare('SELECT sha256, size, mime, sm3 FROM files').all()).toEqual([{ sha256: HASH, size: 10, mime: 'image/jpeg', sm3: null }]);

    const sm3 = 'c'.repeat(64);
    fileRowWriter(db)({ sha256: HASH, sm3, size: 10, mime: 'image/jpeg' }, AT);
    expect(db.prepare('SELECT sm3 FROM files WHERE sha256 = ?').pluck().get(HASH)).toBe(sm3);
    // A recorded SM3 is never overwritten: a later write cannot launder altered bytes.
    fileRowWriter(db)({ sha256: HASH, sm3: 'd'.repeat(64), size: 10, mime: 'image/jpeg' }, AT);
    expect(db.prepare('SELECT sm3 FROM files WHERE sha256 = ?').pluck().get(HASH)).toBe(sm3);

    const put = (value: string) => () => db.prepare("INSERT INTO files (sha256, size, mime, sm3, created_at) VALUES (?, 1, 'x', ?, ?)").run('e'.repeat(64), value, AT);
    expect(put('C'.repeat(64))).toThrow(/CHECK/);
    expect(put('c'.repeat(63))).toThrow(/CHECK/);

    // 三员 duties: a new STRICT table beside users, one duty of three per user.
    expect(tableSql(db).get('user_duties')).toMatch(/STRICT/);
    db.prepare("INSERT INTO users (id, name, role, password_hash, created_at, created_by, updated_at) VALUES ('U_1', 'a', 'clerk', 'scrypt$x', ?, 'x', ?)").run(AT, AT);
    expect(() => db.prepare("INSERT INTO user_duties VALUES ('U_1', 'admin', 'x', ?)").run(AT)).toThrow(/CHECK/);
    db.prepare("INSERT INTO user_duties VALUES ('U_1', 'auditor', 'x', ?)").run(AT);
    expect(() => db.prepare("INSERT INTO user_duties VALUES ('U_1', 'sysadmin', 'x', ?)").run(AT)).toThrow(/UNIQUE|PRIMARY/);
    db.close();
  });
});
