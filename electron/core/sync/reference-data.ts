import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { appendEvent } from '../audit/event-log';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { nowIso } from '../util/ids';
import type { SyncTarget } from './sync-target';
import { transient } from './transfer-errors';

const NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** `config/index.json`: the centre's current reference data (classification scheme, checklists…). */
export const ReferenceIndex = z.object({
  format: z.literal('hpf-desk/reference-data'),
  /** Increases with every change; the station pulls when it is higher than what it has. */
  revision: z.number().int().nonnegative(),
  files: z.array(z.object({ name: z.string().regex(NAME), sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int().nonnegative(), mime: z.string().default('application/json') })),
});

const REVISION_KEY = 'reference.revision';

export function localReferenceRevision(db: Db): number {
  return Number(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(REVISION_KEY) ?? -1);
}

/**
 * Pull reference data when the target has a newer revision: every file is checked against the
 * index's SHA-256 and size before any of it replaces the local set, in one transaction. Returns
 * the names updated, or an empty list when already current or the target has none.
 */
export async function pullReferenceData(deps: { db: Db; blobs: BlobStore; actor: string }, target: SyncTarget, signal: AbortSignal): Promise<string[]> {
  const raw = await target.readConfig('index.json', signal);
  if (raw === null) return [];
  let index: z.infer<typeof ReferenceIndex>;
  try {
    index = ReferenceIndex.parse(JSON.parse(raw.toString('utf8')));
  } catch (err) {
    throw transient('reference_invalid', `config/index.json is not valid: ${(err as Error).message}`);
  }
  if (index.revision <= localReferenceRevision(deps.db)) return [];
  const fetched: Array<{ name: string; sha256: string; size: number; mime: string }> = [];
  for (const f of index.files) {
    const bytes = await target.readConfig(f.name, signal);
    if (bytes === null) throw transient('reference_missing', `config/${f.name} is listed but missing`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== f.sha256 || bytes.length !== f.size) throw transient('reference_altered', `config/${f.name} does not match its listed SHA-256`);
    await deps.blobs.put(bytes);
    fetched.push(f);
  }
  const at = nowIso();
  deps.db.transaction(() => {
    const putFile = deps.db.prepare('INSERT OR IGNORE INTO files (sha256, size, mime, created_at) VALUES (?, ?, ?, ?)');
    deps.db.prepare('DELETE FROM reference_data').run();
    const put = deps.db.prepare('INSERT INTO reference_data (name, version, sha256, size, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const f of fetched) {
      putFile.run(f.sha256, f.size, f.mime, at);
      put.run(f.name, String(index.revision), f.sha256, f.size, target.label, at);
    }
    deps.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(REVISION_KEY, String(index.revision));
    appendEvent(deps.db, { actor: deps.actor, kind: 'reference.updated', subject: 'reference-data', data: { revision: index.revision, files: fetched.map((f) => f.name), source: target.label } });
  })();
  return fetched.map((f) => f.name);
}

/** The current copy of a reference-data file (for filing's scheme and checklists), or null. */
export async function readReferenceData(db: Db, blobs: BlobStore, name: string): Promise<{ revision: string; bytes: Buffer } | null> {
  const row = db.prepare('SELECT version, sha256 FROM reference_data WHERE name = ?').get(name) as { version: string; sha256: string } | undefined;
  return row ? { revision: row.version, bytes: await readFile(blobs.pathOf(row.sha256)) } : null;
}
