import { randomInt } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { openDatabase } from '../../electron/core/store/open-database';
import { runCli } from '../helpers/run-cli';
import { readStoreDb } from '../helpers/store-db';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const ID = '440301198807151236';

/** A plaintext store as an earlier version left it, big enough that encrypting it takes a while. */
async function plaintextStore(dataDir: string): Promise<number> {
  await mkdir(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DATABASE_FILE), { key: null });
  db.exec('CREATE TABLE people (id_number TEXT NOT NULL, note TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO people VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 40_000; i++) insert.run(ID, `住房公积金提取 ${i} `.repeat(20));
  })();
  db.close();
  return 40_000;
}

describe('in-place encryption of a store of an earlier version', () => {
  it('survives SIGKILL at random points: the next open finishes it and every row is there', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const rows = await plaintextStore(dataDir);
    for (let kill = 0; kill < 4; kill++) {
      const run = await runCli(['list', 'batches', '--data', dataDir, '--json'], { killAfterMs: randomInt(300, 3000) });
      if (run.signal === null) break;
    }
    // Whatever the kills left, one more open finishes the job.
    const done = await runCli(['list', 'batches', '--data', dataDir, '--json']);
    expect(done.code, done.stderr).toBe(0);
    expect((await readFile(path.join(dataDir, DATABASE_FILE))).includes(ID)).toBe(false);
    const db = await readStoreDb(dataDir);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT count(*) FROM people WHERE id_number = ?').pluck().get(ID)).toBe(rows);
    } finally {
      db.close();
    }
  });
});
