import { chmod, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../electron/core/store/database-file';
import { keyFileSource, passphraseSource, type KekSource } from '../../electron/core/store/keys/kek-source';
import { StoreKeyError } from '../../electron/core/store/keys/store-key-error';
import { STORE_KEY_FILE } from '../../electron/core/store/keys/store-key-record';
import { openDatabase } from '../../electron/core/store/open-database';
import { openStore } from '../../electron/core/store/open-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const ID = '310101199001011234';

async function newStore(sources?: (dir: string) => readonly KekSource[]) {
  const dir = await tempDir();
  const dataDir = path.join(dir, 'data');
  const keyFile = path.join(dir, 'config', 'store.key');
  const keys = sources?.(dir) ?? [keyFileSource(keyFile)];
  const { db } = await openStore(dataDir, keys);
  db.exec('CREATE TABLE people (id_number TEXT NOT NULL) STRICT');
  db.prepare('INSERT INTO people VALUES (?)').run(ID);
  db.close();
  return { dir, dataDir, keyFile, keys };
}

async function refusal(work: Promise<unknown>): Promise<StoreKeyError> {
  const err = await work.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StoreKeyError);
  return err as StoreKeyError;
}

const head = async (file: string, n = 16) => (await readFile(file)).subarray(0, n).toString('latin1');

describe('the encrypted store', () => {
  it('is created encrypted with a 0600 key file and key record, in a 0700 folder, and reopens in WAL mode', async () => {
    const { dataDir, keyFile, keys } = await newStore();
    expect(await head(path.join(dataDir, DATABASE_FILE))).not.toBe('SQLite format 3\0');
    expect((await readFile(path.join(dataDir, DATABASE_FILE))).includes(ID)).toBe(false);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dataDir, STORE_KEY_FILE))).mode & 0o777).toBe(0o600);
    const { db } = await openStore(dataDir, keys);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare('SELECT id_number FROM people').pluck().get()).toBe(ID);
      // FTS5 with the trigram tokenizer works inside the encrypted file (Chinese substrings).
      db.exec("CREATE VIRTUAL TABLE t_fts USING fts5(body, tokenize='trigram'); INSERT INTO t_fts VALUES ('住房公积金提取申请')");
      expect(db.prepare("SELECT body FROM t_fts WHERE t_fts MATCH '公积金'").pluck().get()).toBe('住房公积金提取申请');
    } finally {
      db.close();
    }
  });

  it('without its key is `locked`, never garbage', async () => {
    const { dir, dataDir } = await newStore();
    const err = await refusal(openStore(dataDir, [keyFileSource(path.join(dir, 'nowhere', 'store.key'))]));
    expect(err.code).toBe('locked');
    // Nor does a plain SQLite connection read anything out of it.
    expect(() => openDatabase(path.join(dataDir, DATABASE_FILE), { key: null })).toThrow(/not a database/);
  });

  it('tells a wrong key file, an unsafe key file and a damaged store apart', async () => {
    const { dir, dataDir, keyFile, keys } = await newStore();
    const other = path.join(dir, 'other.key');
    await openStore(path.join(dir, 'second'), [keyFileSource(other)]).then(({ db }) => db.close());
    expect((await refusal(openStore(dataDir, [keyFileSource(other)]))).code).toBe('wrong-key');

    // A key file with this store's id but other key bytes: the wrap's tag says "wrong key".
    const held = JSON.parse(await readFile(keyFile, 'utf8')) as { key: string };
    const forged = path.join(dir, 'forged.key');
    await writeFile(forged, JSON.stringify({ ...held, key: Buffer.alloc(32, 7).toString('base64') }), { mode: 0o600 });
    expect((await refusal(openStore(dataDir, [keyFileSource(forged)]))).code).toBe('wrong-key');

    await chmod(keyFile, 0o644);
    expect((await refusal(openStore(dataDir, keys))).code).toBe('key-file-unsafe');
    await chmod(keyFile, 0o600);

    // The right key on a damaged database: `corrupt`, not "wrong key".
    const fh = await open(path.join(dataDir, DATABASE_FILE), 'r+');
    await fh.write(Buffer.alloc(64, 0xa5), 0, 64, 0);
    await fh.close();
    expect((await refusal(openStore(dataDir, keys))).code).toBe('corrupt');

    await writeFile(path.join(dataDir, STORE_KEY_FILE), '{"format":"hpf-desk/store-key"');
    expect((await refusal(openStore(dataDir, keys))).code).toBe('corrupt');
  });

  it('opens with the operator passphrase it was made with, and refuses another', async () => {
    const passphrase = (value: string) => passphraseSource(async () => value);
    const { dataDir } = await newStore(() => [passphrase('长城-2026-档案')]);
    expect((await refusal(openStore(dataDir, [passphrase('长城-2025-档案')]))).code).toBe('wrong-key');
    const { db } = await openStore(dataDir, [passphrase('长城-2026-档案')]);
    expect(db.prepare('SELECT id_number FROM people').pluck().get()).toBe(ID);
    db.close();
  });

  it('encrypts a plaintext store of an earlier version in place, keeping its rows', async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, 'data');
    await mkdir(dataDir, { recursive: true });
    const old = openDatabase(path.join(dataDir, DATABASE_FILE), { key: null });
    old.exec('CREATE TABLE people (id_number TEXT NOT NULL) STRICT');
    old.prepare('INSERT INTO people VALUES (?)').run(ID);
    old.close();
    expect(await head(path.join(dataDir, DATABASE_FILE))).toBe('SQLite format 3\0');
    const keys = [keyFileSource(path.join(dir, 'store.key'))];
    const { db } = await openStore(dataDir, keys);
    expect(db.prepare('SELECT id_number FROM people').pluck().get()).toBe(ID);
    db.close();
    expect(await head(path.join(dataDir, DATABASE_FILE))).not.toBe('SQLite format 3\0');
    expect((await readFile(path.join(dataDir, DATABASE_FILE))).includes(ID)).toBe(false);
  });
});
