import type { StationRow } from './catalogue';

/** Each station with the newest chain event the centre holds: the same SQL on SQLite and PostgreSQL. */
export const STATIONS_SQL = `SELECT s.*, (SELECT id FROM chain_events c WHERE c.station_id = s.station_id ORDER BY id DESC LIMIT 1) AS head_id,
         (SELECT hash FROM chain_events c WHERE c.station_id = s.station_id ORDER BY id DESC LIMIT 1) AS head_hash
  FROM stations s ORDER BY station_id`;

export function toStationRow(r: Record<string, unknown>): StationRow {
  return {
    stationId: String(r.station_id), name: String(r.name), fonds: String(r.fonds), prefix: String(r.prefix), bags: Number(r.bags),
    lastBatch: String(r.last_batch), lastReceivedAt: String(r.last_received_at), lastStatus: String(r.last_status),
    chainHead: r.head_id === null || r.head_id === undefined ? null : { id: Number(r.head_id), hash: String(r.head_hash) },
  };
}

/** A search text as a LIKE pattern for a substring (CJK has no word boundaries for a tokenizer to find), escaped with '\'. */
export const substringPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
