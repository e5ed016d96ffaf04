import { createHash, createHmac } from 'node:crypto';
import type { Db } from '../store/db';
import { nowIso } from '../util/ids';
import type { StationKey } from './station-key';

export const GENESIS = '0'.repeat(64);

export interface AuditEvent {
  readonly actor: string;
  readonly kind: string;
  readonly subject: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** An event as stored: `data` is the exact JSON text that was hashed. */
export interface ChainedEvent {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly kind: string;
  readonly subject: string;
  readonly data: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** A point of the chain: an event id and its hash (id 0 and GENESIS before the first event). */
export interface ChainHead {
  readonly id: number;
  readonly hash: string;
}

/**
 * The key each connection hashes with, by connection: the key lives in a file beside the
 * database (station-key.ts), and appendEvent is called with a connection only. A connection with
 * no key (an in-memory database in a unit test) keeps the plain SHA-256 chain.
 */
const keys = new WeakMap<Db, StationKey>();

export function bindStationKey(db: Db, key: StationKey): void {
  keys.set(db, key);
}

export function stationKeyOf(db: Db): StationKey | null {
  return keys.get(db) ?? null;
}

type Fields = Omit<ChainedEvent, 'hash'>;

/**
 * Events from the key's `chainFrom` on: HMAC-SHA256 under the station's chain key over the
 * previous hash, the event's own id and its fields — rewriting them needs the key file, not only
 * the database, and an event moved to another id no longer matches. Earlier events (written
 * before the store had a key) keep their plain SHA-256, without the id.
 */
function hashOf(key: StationKey | null, e: Fields): string {
  if (key === null || e.id < key.chainFrom) return createHash('sha256').update([e.prevHash, e.at, e.actor, e.kind, e.subject, e.data].join('\u001f')).digest('hex');
  return createHmac('sha256', key.macKey).update([e.prevHash, String(e.id), e.at, e.actor, e.kind, e.subject, e.data].join('\u001f')).digest('hex');
}

/** The id the next event will get (AUTOINCREMENT never reuses one, even after a deletion). */
export const nextEventId = (db: Db): number =>
  ((db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() as number | undefined) ?? 0) + 1;

/** Append an audit event, chained to the previous one. Call inside the transaction it records. */
export function appendEvent(db: Db, e: AuditEvent): void {
  // Its own (nested) transaction: the id and the previous hash are read under the write lock they are written with.
  db.transaction(() => {
    const prevHash = (db.prepare('SELECT hash FROM events ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined) ?? GENESIS;
    const fields: Fields = { id: nextEventId(db), at: nowIso(), actor: e.actor, kind: e.kind, subject: e.subject, data: JSON.stringify(e.data), prevHash };
    db.prepare('INSERT INTO events (id, at, actor, kind, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      fields.id, fields.at, fields.actor, fields.kind, fields.subject, fields.data, prevHash, hashOf(stationKeyOf(db), fields),
    );
  })();
}

const SELECT_EVENTS = 'SELECT id, at, actor, kind, subject, data, prev_hash AS prevHash, hash FROM events';

/** Events with `after < id <= upTo`, in order. */
export function eventsBetween(db: Db, after: number, upTo: number): ChainedEvent[] {
  return db.prepare(`${SELECT_EVENTS} WHERE id > ? AND id <= ? ORDER BY id`).all(after, upTo) as ChainedEvent[];
}

export function chainHead(db: Db): ChainHead {
  const last = db.prepare('SELECT id, hash FROM events ORDER BY id DESC LIMIT 1').get() as ChainHead | undefined;
  return last ?? { id: 0, hash: GENESIS };
}

/** Walk the chain; returns the ids of events whose link or hash does not hold. */
export function checkEventChain(db: Db): { count: number; broken: number[] } {
  const key = stationKeyOf(db);
  let prev = GENESIS;
  let count = 0;
  const broken: number[] = [];
  for (const r of db.prepare(`${SELECT_EVENTS} ORDER BY id`).iterate() as IterableIterator<ChainedEvent>) {
    count++;
    if (r.prevHash !== prev || r.hash !== hashOf(key, r)) broken.push(r.id);
    prev = r.hash;
  }
  return { count, broken };
}
