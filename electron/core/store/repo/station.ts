import type { StationInfo } from '../../../../shared/contract';
import { appendEvent } from '../../audit/event-log';
import { newId, nowIso } from '../../util/ids';
import type { Db } from '../open-database';

export type Station = StationInfo['station'];

/** The station row, created on first open; later opens keep the identity it was given. */
export function ensureStation(db: Db, defaults: { name: string; fonds: string }): Station {
  return db.transaction((): Station => {
    const row = db.prepare('SELECT id, name, fonds FROM station LIMIT 1').get() as Station | undefined;
    if (row) return row;
    const station = { id: newId('S'), name: defaults.name, fonds: defaults.fonds };
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
