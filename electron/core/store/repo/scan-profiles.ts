import { ScanSettings, type ScanProfile } from '../../../../shared/contract';
import { appendEvent } from '../../audit/event-log';
import { newId, nowIso } from '../../util/ids';
import type { Db } from '../open-database';
import { getStation } from './station';

interface ProfileRow {
  id: string;
  name: string;
  hotkey: number | null;
  settings: string;
  updated_at: string;
}

const toProfile = (r: ProfileRow): ScanProfile => ({
  id: r.id,
  name: r.name,
  key: r.hotkey,
  settings: ScanSettings.parse(JSON.parse(r.settings)),
  updatedAt: r.updated_at,
});

const stationId = (db: Db): string => getStation(db).id;

/** This station's scanner profiles, by key then name. */
export function listProfiles(db: Db): ScanProfile[] {
  const rows = db
    .prepare('SELECT * FROM scan_profiles WHERE station_id = ? ORDER BY hotkey IS NULL, hotkey, name')
    .all(stationId(db)) as ProfileRow[];
  return rows.map(toProfile);
}

export function getProfile(db: Db, id: string): ScanProfile | undefined {
  const row = db.prepare('SELECT * FROM scan_profiles WHERE id = ? AND station_id = ?').get(id, stationId(db)) as ProfileRow | undefined;
  return row ? toProfile(row) : undefined;
}

export type SaveOutcome = { readonly kind: 'saved'; readonly profile: ScanProfile } | { readonly kind: 'conflict'; readonly message: string };

/**
 * Create or update a profile. Its key moves to it from any profile that had it: pressing the key
 * should pick what the clerk just set up, not fail because an old profile held it.
 */
export function saveProfile(
  db: Db,
  actor: string,
  input: { id?: string; name: string; key: number | null; settings: ScanSettings },
): SaveOutcome {
  return db.transaction((): SaveOutcome => {
    const station = stationId(db);
    const id = input.id ?? newId('R');
    if (input.id && !getProfile(db, input.id)) return { kind: 'conflict', message: `no profile ${input.id}` };
    const clash = db.prepare('SELECT id FROM scan_profiles WHERE station_id = ? AND name = ? AND id <> ?').get(station, input.name, id);
    if (clash) return { kind: 'conflict', message: `a profile named “${input.name}” exists already` };
    const at = nowIso();
    if (input.key !== null) {
      db.prepare('UPDATE scan_profiles SET hotkey = NULL WHERE station_id = ? AND hotkey = ? AND id <> ?').run(station, input.key, id);
    }
    db.prepare(
      `INSERT INTO scan_profiles (id, station_id, name, hotkey, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, hotkey = excluded.hotkey, settings = excluded.settings, updated_at = excluded.updated_at`,
    ).run(id, station, input.name, input.key, JSON.stringify(input.settings), at, at);
    appendEvent(db, { actor, kind: 'profile.saved', subject: id, data: { name: input.name, key: input.key, settings: input.settings } });
    return { kind: 'saved', profile: getProfile(db, id)! };
  })();
}

export function deleteProfile(db: Db, actor: string, id: string): boolean {
  return db.transaction(() => {
    const changed = db.prepare('DELETE FROM scan_profiles WHERE id = ? AND station_id = ?').run(id, stationId(db)).changes > 0;
    if (changed) appendEvent(db, { actor, kind: 'profile.deleted', subject: id, data: {} });
    return changed;
  })();
}
