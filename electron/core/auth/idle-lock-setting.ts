import type { Db } from '../store/open-database';

const KEY = 'session.idleLockSeconds';

/** A counter PC left alone locks after five minutes unless the station says otherwise. */
export const DEFAULT_IDLE_LOCK_SECONDS = 5 * 60;
/**
 * The bounds of the setting: never off (the desk holds ID and bank cards), never longer than an
 * hour; a few seconds is allowed so a demonstration or a test need not wait minutes.
 */
export const MIN_IDLE_LOCK_SECONDS = 2;
export const MAX_IDLE_LOCK_SECONDS = 60 * 60;

export function idleLockSeconds(db: Db): number {
  const stored = Number(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) ?? NaN);
  return Number.isInteger(stored) && stored >= MIN_IDLE_LOCK_SECONDS && stored <= MAX_IDLE_LOCK_SECONDS ? stored : DEFAULT_IDLE_LOCK_SECONDS;
}

export function setIdleLockSeconds(db: Db, seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < MIN_IDLE_LOCK_SECONDS || seconds > MAX_IDLE_LOCK_SECONDS) {
    throw new RangeError(`idle lock must be ${MIN_IDLE_LOCK_SECONDS}–${MAX_IDLE_LOCK_SECONDS} seconds`);
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, String(seconds));
}

/** `5m`, `90s`, `300` (seconds): what the command line accepts. */
export function parseIdleLock(text: string): number | null {
  const match = /^(\d{1,5})\s*(s|m)?$/i.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * (match[2]?.toLowerCase() === 'm' ? 60 : 1);
}
