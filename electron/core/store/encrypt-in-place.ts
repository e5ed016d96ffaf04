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
