import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { cachedStatement } from '../../electron/core/store/statement-cache';

describe('cached statements', () => {
  it('compiles a statement once per connection and answers from the current rows', () => {
    const a = new Database(':memory:');
    const b = new Database(':memory:');
    for (const db of [a, b]) db.exec('CREATE TABLE t (x INTEGER)');
    const sql = 'SELECT count(*) FROM t';
    const first = cachedStatement(a, sql);
    expect(cachedStatement(a, sql)).toBe(first);
    // Another connection has its own: a statement belongs to the database it was compiled on.
    expect(cachedStatement(b, sql)).not.toBe(first);
    a.exec('INSERT INTO t VALUES (1), (2)');
    expect(cachedStatement(a, sql).pluck().get()).toBe(2);
    expect(cachedStatement(b, sql).pluck().get()).toBe(0);
    a.close();
    b.close();
  });
});
