import type { Db } from '../store/open-database';
import type { VerifyMode } from './s3-target';

/** Station-wide sync policy, kept in the settings table so the app and the CLI share it. */
export interface SyncSettings {
  /** All sending paused (each batch can also be paused on its own). */
  readonly paused: boolean;
  /** Cap for the link in bytes per second; 0 for none. */
  readonly bandwidth: number;
  /** Days an acknowledged batch keeps its local originals and images; null keeps them for good. */
  readonly retainDays: number | null;
  /** How objects in a bucket are verified after sending (see s3-target). */
  readonly verify: VerifyMode;
}

const KEYS = { paused: 'sync.paused', bandwidth: 'sync.bandwidth', retainDays: 'sync.retainDays', verify: 'sync.verify' } as const;

export function readSyncSettings(db: Db): SyncSettings {
  const get = (key: string) => db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  const bandwidth = Number(get(KEYS.bandwidth) ?? 0);
  const retain = get(KEYS.retainDays);
  return {
    paused: get(KEYS.paused) === '1',
    bandwidth: Number.isFinite(bandwidth) && bandwidth > 0 ? Math.floor(bandwidth) : 0,
    retainDays: retain === undefined || retain === '' ? null : Math.max(0, Number(retain)),
    verify: get(KEYS.verify) === 'content' ? 'content' : 'checksum',
  };
}

/**
 * "Is all sending paused?", prepared once: the sender asks before every file, and reading all
 * settings each time (four statements compiled per file) showed in the sync benchmark's profile.
 */
export function pausedProbe(db: Db): () => boolean {
  const paused = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  return () => paused.get(KEYS.paused) === '1';
}

export function writeSyncSettings(db: Db, patch: Partial<SyncSettings>): void {
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    if (patch.paused !== undefined) put.run(KEYS.paused, patch.paused ? '1' : '0');
    if (patch.bandwidth !== undefined) put.run(KEYS.bandwidth, String(Math.max(0, Math.floor(patch.bandwidth))));
    if (patch.retainDays !== undefined) put.run(KEYS.retainDays, patch.retainDays === null ? '' : String(patch.retainDays));
    if (patch.verify !== undefined) put.run(KEYS.verify, patch.verify);
  })();
}

/** `2M`, `500K`, `1.5M`, `0` or plain bytes per second. */
export function parseBandwidth(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMgG]?)(?:i?B)?(?:\/s)?$/.exec(text.trim());
  if (!m) return null;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.floor(Number(m[1]) * unit);
}
