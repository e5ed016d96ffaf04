import { createHash } from 'node:crypto';
import { appendEvent } from '../audit/event-log';
import type { BlobStore } from '../files/blob-store';
import { proposeCentralScheme } from '../filing/central-scheme';
import { CENTRAL_ACTOR, SchemeSource } from '../filing/scheme-source';
import type { Db } from '../store/open-database';
import { fileRowWriter } from '../store/repo/file-rows';
import { nowIso } from '../util/ids';
import type { SyncTarget } from './sync-target';
import { judgeReferenceIndex } from './reference-index';
import { centreTrust, referenceBaseline } from '../trust/provisioning';
import { permanent, transient } from './transfer-errors';

const REVISION_KEY = 'reference.revision';
/** The last revision refused (its scheme did not validate): not pulled again, shown with its reason. */
const REJECTED_KEY = 'reference.rejected';

const setting = (db: Db, key: string): string | undefined => db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
const putSetting = (db: Db, key: string, value: string) =>
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);

export function localReferenceRevision(db: Db): number {
  return Number(setting(db, REVISION_KEY) ?? -1);
}

export interface ReferenceRejection {
  /** -1 when the refused index did not say (unsigned, unreadable). */
  readonly revision: number;
  readonly reason: string;
  readonly at: string;
  /** SHA-256 of the refused config/index.json: the same bytes are not judged again. */
  readonly sha256?: string;
}

export function rejectedReference(db: Db): ReferenceRejection | null {
  const text = setting(db, REJECTED_KEY);
  return text ? (JSON.parse(text) as ReferenceRejection) : null;
}

function refuse(db: Db, actor: string, source: string, rejection: ReferenceRejection): void {
  putSetting(db, REJECTED_KEY, JSON.stringify(rejection));
  appendEvent(db, { actor, kind: 'reference.rejected', subject: 'reference-data', data: { revision: rejection.revision, reason: rejection.reason, source } });
}

/**
 * Pull reference data when the target has a newer revision: every file is checked against the
 * index's SHA-256 and size before any of it replaces the local set, in one transaction. Returns
 * the names updated, or an empty list when already current or the target has none.
 */
export async function pullReferenceData(deps: { db: Db; blobs: BlobStore; actor: string }, target: SyncTarget, signal: AbortSignal): Promise<string[]> {
  const raw = await target.readConfig('index.json', signal);
  if (raw === null) return [];
  const { db } = deps;
  const rawSha256 = createHash('sha256').update(raw).digest('hex');
  const prior = rejectedReference(db);
  if (prior?.sha256 === rawSha256) return [];
  const verdict = judgeReferenceIndex(raw, { centre: centreTrust(db), local: localReferenceRevision(db), baseline: referenceBaseline(db) });
  if (verdict.kind === 'current') return [];
  if (verdict.kind === 'refused') {
    // Set aside, never acted on: the scheme (and with it masking) stays as it is.
    db.transaction(() => refuse(db, deps.actor, target.label, { revision: verdict.revision ?? -1, reason: verdict.reason, at: nowIso(), sha256: rawSha256 }))();
    throw permanent('reference_rejected', `中心参考数据未采用 / central reference data refused: ${verdict.reason}`);
  }
  const { index } = verdict;
  if (index.revision === prior?.revision) return [];
  const fetched: Array<{ name: string; sha256: string; sm3: string; size: number; mime: string }> = [];
  const contents = new Map<string, Buffer>();
  for (const f of index.files) {
    const bytes = await target.readConfig(f.name, signal);
    if (bytes === null) throw transient('reference_missing', `config/${f.name} is listed but missing`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (sha256 !== f.sha256 || bytes.length !== f.size) throw transient('reference_altered', `config/${f.name} does not match its listed SHA-256`);
    const { sm3 } = await deps.blobs.put(bytes);
    fetched.push({ ...f, sm3 });
    contents.set(f.name, bytes);
  }
  const at = nowIso();
  // The set, its revision and the scheme it carries change together, or not at all.
  const rejected = db.transaction((): string | null => {
    const schemes = new SchemeSource(db);
    const proposal = proposeCentralScheme(schemes.current().body, contents);
    if (proposal.kind === 'invalid') {
      refuse(db, deps.actor, target.label, { revision: index.revision, reason: proposal.reason, at, sha256: rawSha256 });
      return proposal.reason;
    }
    const putFile = fileRowWriter(db);
    db.prepare('DELETE FROM reference_data').run();
    const put = db.prepare('INSERT INTO reference_data (name, version, sha256, size, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?)');
    for (const f of fetched) {
      putFile(f, at);
      put.run(f.name, String(index.revision), f.sha256, f.size, target.label, at);
    }
    putSetting(db, REVISION_KEY, String(index.revision));
    db.prepare('DELETE FROM settings WHERE key = ?').run(REJECTED_KEY);
    appendEvent(db, { actor: deps.actor, kind: 'reference.updated', subject: 'reference-data', data: { revision: index.revision, files: fetched.map((f) => f.name), source: target.label } });
    if (proposal.kind === 'valid') {
      const reason = `中心参考数据第 ${index.revision} 版 / central reference data revision ${index.revision} (${target.label})`;
      schemes.save(CENTRAL_ACTOR, proposal.body, reason, { revision: index.revision, from: target.label, receivedBy: deps.actor });
    }
    return null;
  })();
  if (rejected !== null) {
    throw permanent('reference_rejected', `中心参考数据第 ${index.revision} 版未采用，继续使用当前分类方案 / central reference data revision ${index.revision} refused, the current scheme stays: ${rejected}`);
  }
  return fetched.map((f) => f.name);
}

/** The current copy of a reference-data file (for filing's scheme and checklists), or null. */
export async function readReferenceData(db: Db, blobs: BlobStore, name: string): Promise<{ revision: string; bytes: Buffer } | null> {
  const row = db.prepare('SELECT version, sha256 FROM reference_data WHERE name = ?').get(name) as { version: string; sha256: string } | undefined;
  return row ? { revision: row.version, bytes: await blobs.read(row.sha256) } : null;
}
