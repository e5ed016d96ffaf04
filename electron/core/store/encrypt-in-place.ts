import { existsSync } from 'node:fs';
import { applyKey, newConnection } from './open-database';

/**
 * Encrypt a plaintext database (a store of an earlier version) where it lies. Its key record is
 * written before this runs, so a process killed at any point finds the record beside a database
 * that is either still plaintext (SQLite rolled the half-done rekey back from its journal: the
 * next open runs this again) or whole and encrypted.
 *
 * SQLite3MultipleCiphers cannot rekey in WAL mode, so the WAL is checkpointed into the file and
 * the journal switched to DELETE first; openDatabase switches it back to WAL afterwards.
 */
export function encryptDatabaseInPlace(file: string, key: Buffer): void {
  const db = newConnection(file);
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    db.close();
  }
  // Prove it: the file now opens with the key and only with it.
  const check = newConnection(file);
  try {
    applyKey(check, key);
    check.prepare('SELECT count(*) FROM sqlite_schema').get();
  } finally {
    check.close();
  }
}

/**
 * Roll back the hot journal an in-place encryption left when it was killed while writing the
 * database. The journal holds the plaintext pages; a connection with the key would "decrypt"
 * them on playback into garbage (and the file, page 1 already rewritten, looks encrypted). A
 * connection without a key copies them back as they are, leaving the plaintext store the next
 * encryptDatabaseInPlace starts again from. Nothing to do without a journal: in WAL mode a store
 * has none.
 */
export function rollBackRawJournal(file: string): void {
  if (!existsSync(`${file}-journal`)) return;
  const db = newConnection(file);
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (err) {
    // Rolled back, and the file is encrypted (the journal was not the encryption's): nothing more to do here.
    if ((err as { code?: unknown }).code !== 'SQLITE_NOTADB') throw err;
  } finally {
    db.close();
  }
}
