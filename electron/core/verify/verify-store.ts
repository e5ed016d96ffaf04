import type { VerifyReport } from '../../../shared/contract';
import { checkEventChain } from '../audit/event-log';
import type { BlobStore } from '../files/blob-store';
import { ObjectDamaged } from '../files/object-cipher';
import type { Db } from '../store/open-database';
import { NEEDED_OBJECTS } from '../store/repo/purged-objects';
import { SEARCH_INDEXES } from '../search/index-tables';
import { acknowledgedHeads } from '../sync/acknowledged-heads';

type Problem = VerifyReport['problems'][number];

/**
 * The store's integrity, as an auditor would check it: SQLite's own check, foreign keys, every
 * object's bytes against its name (SHA-256) and the SM3 its row recorded at capture, no row
 * pointing at a missing object, and the audit chain. Objects no row points to (left by a killed import) are harmless and not problems.
 */
export async function verifyStore(db: Db, blobs: BlobStore): Promise<VerifyReport> {
  const problems: Problem[] = [];
  const integrity = databaseIntegrity(db);
  for (const r of integrity) {
    if (r.integrity_check !== 'ok') problems.push({ kind: 'database', subject: 'integrity_check', message: r.integrity_check });
  }
  const fk = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  for (const r of fk) {
    problems.push({ kind: 'foreign_key', subject: `${r.table}#${r.rowid}`, message: `points to a missing ${r.parent} row` });
  }

  // Objects purged after the central archive acknowledged them are meant to be gone, unless a
  // row needs them again (content imported anew): those are checked like any other.
  const rows = db
    .prepare(`SELECT sha256, size, sm3 FROM files WHERE sha256 NOT IN (SELECT sha256 FROM purged_files) OR sha256 IN (${NEEDED_OBJECTS})`)
    .all() as Array<{ sha256: string; size: number; sm3: string | null }>;
  const recorded = new Map(rows.map((r) => [r.sha256, r]));
  for (const { sha256, size } of rows) {
    try {
      const held = await blobs.size(sha256);
      if (held !== size) {
        problems.push({ kind: 'size_mismatch', subject: sha256, message: `row says ${size} bytes, file has ${held}` });
      }
    } catch {
      problems.push({ kind: 'missing_file', subject: sha256, message: 'a row points to a file that is not in the store' });
    }
  }

  let files = 0;
  // Every stored file, by its name on disk: each chunk's tag, then its plaintext's hashes against
  // its name and its row. Rows are reported by their SHA-256; a file that does not open by its name.
  const names = new Map(rows.map((r) => [blobs.nameOf(r.sha256), r.sha256]));
  for await (const name of blobs.list()) {
    files++;
    const subject = names.get(name) ?? name;
    const row = recorded.get(subject);
    let actual;
    try {
      actual = await blobs.checkStored(name);
    } catch (err) {
      if (!(err instanceof ObjectDamaged)) throw err;
      problems.push({ kind: 'hash_mismatch', subject, message: `${err.message}${row ? '' : ' (unreferenced object)'}` });
      continue;
    }
    if (!actual.named || (row && actual.sha256 !== subject)) {
      problems.push({
        kind: 'hash_mismatch',
        subject,
        message: `content hashes to ${actual.sha256}${row ? '' : ' (unreferenced object)'}`,
      });
    }
    if (row?.sm3 && actual.sm3 !== row.sm3) {
      problems.push({ kind: 'sm3_mismatch', subject, message: `SM3 recorded at capture ${row.sm3}, content gives ${actual.sm3}` });
    }
  }

  const chain = checkEventChain(db);
  for (const id of chain.broken) {
    problems.push({ kind: 'audit_chain', subject: `event#${id}`, message: 'audit event does not match its chain' });
  }
  problems.push(...acknowledgedChainProblems(db));
  return { ok: problems.length === 0, checked: { files, rows: rows.length, events: chain.count }, problems };
}

/**
 * The chain as far as the centre acknowledged it must still be there: a chain cut off below an
 * acknowledged head (events deleted from the end, which leaves the rest linked) or rewritten up to it.
 */
function acknowledgedChainProblems(db: Db): Problem[] {
  const problems: Problem[] = [];
  const hashOf = db.prepare('SELECT hash FROM events WHERE id = ?').pluck();
  for (const { batchId, head } of acknowledgedHeads(db)) {
    const hash = hashOf.get(head.id) as string | undefined;
    if (hash === undefined) {
      problems.push({ kind: 'audit_chain_cut', subject: `event#${head.id}`, message: `审计链在中心已确认的链头之下被截断 / the audit chain is cut below the head the centre acknowledged with batch ${batchId}` });
    } else if (hash !== head.hash) {
      problems.push({ kind: 'audit_chain', subject: `event#${head.id}`, message: `审计事件与中心确认的链头不符 / the event differs from the head the centre acknowledged with batch ${batchId}` });
    }
  }
  return problems;
}

/**
 * SQLite's integrity check, in one read transaction that first reads the full-text indexes: FTS5
 * caches its index structure per connection and the check does not refresh it, so after another
 * process (the CLI beside the app) wrote to the index, a long-lived connection would report a
 * checksum mismatch that a fresh connection does not see.
 */
function databaseIntegrity(db: Db): Array<{ integrity_check: string }> {
  return db.transaction(() => {
    for (const index of SEARCH_INDEXES) db.prepare(`SELECT rowid FROM ${index} LIMIT 1`).get();
    return db.pragma('integrity_check', { simple: false }) as Array<{ integrity_check: string }>;
  }).deferred();
}
