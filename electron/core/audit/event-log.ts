import { createHash } from 'node:crypto';
import type { Db } from '../store/open-database';
import { nowIso } from '../util/ids';

const GENESIS = '0'.repeat(64);

export interface AuditEvent {
  readonly actor: string;
  readonly kind: string;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

const hashEvent = (prev: string, at: string, e: AuditEvent, data: string): string =>
  createHash('sha256').update([prev, at, e.actor, e.kind, e.subject, data].join('\u001f')).digest('hex');

/** Append an audit event, chained to the previous one. Call inside the transaction it records. */
export function appendEvent(db: Db, e: AuditEvent): void {
  const prev =
    (db.prepare('SELECT hash FROM events ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
  const at = nowIso();
  const data = JSON.stringify(e.data);
  db.prepare(
    'INSERT INTO events (at, actor, kind, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(at, e.actor, e.kind, e.subject, data, prev, hashEvent(prev, at, e, data));
}

/** Walk the chain; returns the ids of events whose link or hash does not hold. */
export function checkEventChain(db: Db): { count: number; broken: number[] } {
  const rows = db.prepare('SELECT * FROM events ORDER BY id').iterate() as IterableIterator<{
    id: number; at: string; actor: string; kind: string; subject: string; data: string; prev_hash: string; hash: string;
  }>;
  let prev = GENESIS;
  let count = 0;
  const broken: number[] = [];
  for (const r of rows) {
    count++;
    const expected = hashEvent(prev, r.at, { actor: r.actor, kind: r.kind, subject: r.subject, data: {} }, r.data);
    if (r.prev_hash !== prev || r.hash !== expected) broken.push(r.id);
    prev = r.hash;
  }
  return { count, broken };
}
