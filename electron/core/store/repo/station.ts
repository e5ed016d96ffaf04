import type { StationInfo } from '../../../../shared/contract';
import { appendEvent } from '../../audit/event-log';
import { newId, nowIso } from '../../util/ids';
import type { Db } from '../open-database';

export type Station = StationInfo['station'];

/** The station row, created on first open; later opens keep the identity it was given. */
/** `defaults.id`: the id a provisioning file gives the station (else a new one). */
export function ensureStation(db: Db, defaults: { id?: string; name: string; fonds: string }): Station {
  return db.transaction((): Station => {
    const row = db.prepare('SELECT id, name, fonds FROM station LIMIT 1').get() as Station | undefined;
    if (row) return row;
    const station = { id: defaults.id ?? newId('S'), name: defaults.name, fonds: defaults.fonds };
    db.prepare('INSERT INTO station (id, name, fonds, created_at) VALUES (?, ?, ?, ?)').run(
      station.id, station.name, station.fonds, nowIso(),
    );
    appendEvent(db, { actor: 'system', kind: 'station.created', subject: station.id, data: station });
    return station;
  }).immediate();
}

export function getStation(db: Db): Station {
  return db.prepare('SELECT id, name, fonds FROM station LIMIT 1').get() as Station;
}
