import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/store/open-database';
import { useTempDirs } from '../helpers/temp-dir';

describe('write transactions beside another writer (the CLI beside the app)', () => {
  const tempDir = useTempDirs();
  it('take the write lock before their first read, so a commit elsewhere cannot invalidate them', async () => {
    const file = path.join(await tempDir(), 'store.sqlite');
    const randomKey = randomBytes(32);
    const app = openDatabase(file, { key: randomKey });
    const cli = openDatabase(file, { key: randomKey });
    try {
      app.exec('CREATE TABLE counter (n INTEGER NOT NULL) STRICT; INSERT INTO counter VALUES (0)');
      cli.pragma('busy_timeout = 0');
      const increment = app.transaction(() => {
        const n = app.prepare('SELECT n FROM counter').pluck().get() as number;
        // Another connection tries to commit between this transaction's read and its write.
        expect(() => cli.prepare('UPDATE counter SET n = n + 100').run()).toThrow(/SQLITE_BUSY|database is locked/);
        app.prepare('UPDATE counter SET n = ?').run(n + 1);
      });
      increment();
      expect(app.prepare('SELECT n FROM counter').pluck().get()).toBe(1);
      // Once committed, the other connection writes as usual.
      cli.prepare('UPDATE counter SET n = n + 100').run();
      expect(app.prepare('SELECT n FROM counter').pluck().get()).toBe(101);
    } finally {
      cli.close();
      app.close();
    }
  });

  it('keeps nested transactions and explicit modes working', async () => {
    const db = openDatabase(path.join(await tempDir(), 'nested.sqlite'), { key: randomBytes(32) });
    try {
      db.exec('CREATE TABLE t (v TEXT NOT NULL) STRICT');
      const inner = db.transaction((v: string) => db.prepare('INSERT INTO t VALUES (?)').run(v));
      const outer = db.transaction(() => {
        inner('a');
        expect(() => db.transaction(() => { inner('b'); throw new Error('rolled back'); })()).toThrow('rolled back');
        inner('c');
      });
      outer();
      expect(db.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual(['a', 'c']);
      expect(db.transaction(() => db.prepare('SELECT count(*) FROM t').pluck().get()).deferred()).toBe(2);
    } finally {
      db.close();
    }
  });
});
