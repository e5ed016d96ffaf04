import type pg from 'pg';
import type { SupervisionFile } from '../../../shared/stats/supervision';
import type { SignatureAlgorithm } from '../trust/signing';
import type { CommittedBag } from './centre-store';
import { RETIRED, type Catalogue, type Claim, type ItemHit, type RecordedReceipt, type StationRow } from './catalogue';
import { STATIONS_SQL, substringPattern, toStationRow } from './catalogue-rows';
import type { HeldChain } from './chain-receipt';
import { loadPg } from '../util/load-on-use';

/** The same tables as the SQLite catalogue, in PostgreSQL's types. */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS receipts (
    prefix text NOT NULL,
    batch_id text NOT NULL,
    version text NOT NULL,
    state text NOT NULL CHECK (state IN ('leased', 'acking', 'acked')),
    owner text NOT NULL,
    lease_until bigint NOT NULL,
    claims integer NOT NULL DEFAULT 1,
    station_id text,
    status text CHECK (status IN ('accepted', 'rejected')),
    reason text,
    ack bytea,
    ack_sha256 text,
    received_at text,
    PRIMARY KEY (prefix, batch_id, version)
  );
  CREATE TABLE IF NOT EXISTS stations (
    station_id text PRIMARY KEY,
    name text NOT NULL,
    fonds text NOT NULL,
    prefix text NOT NULL,
    bags integer NOT NULL,
    last_batch text NOT NULL,
    last_received_at text NOT NULL,
    last_status text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS items (
    station_id text NOT NULL,
    batch_id text NOT NULL,
    seq integer NOT NULL,
    archival_code text NOT NULL,
    title text NOT NULL,
    fields text NOT NULL,
    PRIMARY KEY (station_id, batch_id, seq)
  );
  CREATE TABLE IF NOT EXISTS station_keys (
    station_id text PRIMARY KEY,
    algorithm text NOT NULL,
    public_key text NOT NULL
  );
  CREATE TABLE IF NOT EXISTS chain_events (
    station_id text NOT NULL,
    id bigint NOT NULL,
    hash text NOT NULL,
    PRIMARY KEY (station_id, id)
  );
  CREATE TABLE IF NOT EXISTS supervision (
    station_id text NOT NULL,
    batch_id text NOT NULL,
    file text NOT NULL,
    PRIMARY KEY (station_id, batch_id)
  );
`;

/**
 * Search finds a substring (ILIKE '%…%': CJK titles have no word boundaries), which no b-tree
 * serves; pg_trgm's trigram index does, for texts of three characters or more. It is in
 * PostgreSQL's contrib (Debian's postgresql package has it) and trusted, so the database's owner
 * may create it; where it is missing the catalogue works the same, by scanning the items.
 */
const TEXT_INDEX = `
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX IF NOT EXISTS items_text_trgm ON items USING gin (archival_code gin_trgm_ops, title gin_trgm_ops, fields gin_trgm_ops);
`;

/** The catalogue's search (exported for the test that reads its plan). */
export const SEARCH_SQL =
  "SELECT station_id, batch_id, archival_code, title, fields FROM items WHERE archival_code ILIKE $1 ESCAPE '\\' OR title ILIKE $1 ESCAPE '\\' OR fields ILIKE $1 ESCAPE '\\' ORDER BY station_id, batch_id, seq LIMIT $2";

/**
 * Leases run on the database's clock, not each host's: receivers on hosts whose clocks differ
 * still agree on when a lease ran out (milliseconds, like the SQLite catalogue's).
 */
const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::bigint';
/** Receivers started together must not create the tables at once (PostgreSQL's catalog races on IF NOT EXISTS). */
const SCHEMA_LOCK = 0x4850_4644; // "HPFD"

const BAG = 'prefix = $1 AND batch_id = $2 AND version = $3';

/**
 * The catalogue in PostgreSQL, for receivers on several hosts: the lease protocol of catalogue.ts
 * with row locks (`SELECT … FOR UPDATE`) where SQLite takes its whole-file write lock.
 */
export class PgCatalogue implements Catalogue {
  private constructor(private readonly pool: pg.Pool) {}

  static async open(url: string): Promise<PgCatalogue> {
    const pool = new (await loadPg()).Pool({ connectionString: url, max: 4 });
    // A connection the server drops (restart, failover) is an error on the next query, not a crash of the receiver.
    pool.on('error', () => undefined);
    const catalogue = new PgCatalogue(pool);
    try {
      await catalogue.transaction(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await c.query(SCHEMA);
        // Without the extension (not installed, or not allowed) only the index is missing.
        await c.query('SAVEPOINT text_index');
        await c.query(TEXT_INDEX).then(
          () => c.query('RELEASE SAVEPOINT text_index'),
          () => c.query('ROLLBACK TO SAVEPOINT text_index'),
        );
      });
    } catch (err) {
      await pool.end();
      throw err;
    }
    return catalogue;
  }

  private async transaction<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.release();
    }
  }

  async claim(bag: CommittedBag, owner: string, leaseMs: number): Promise<Claim> {
    const key = [bag.prefix, bag.batchId, bag.version];
    return this.transaction(async (c): Promise<Claim> => {
      // A concurrent insert of the same key waits for the other transaction, then finds the row below.
      const inserted = await c.query(`INSERT INTO receipts (prefix, batch_id, version, state, owner, lease_until) VALUES ($1, $2, $3, 'leased', $4, ${NOW_MS} + $5) ON CONFLICT DO NOTHING`, [...key, owner, leaseMs]);
      if (inserted.rowCount === 1) return { kind: 'claimed' };
      const { rows } = await c.query<{ state: string; owner: string; live: boolean; ack: Buffer | null; status: 'accepted' | 'rejected' | null }>(
        `SELECT state, owner, lease_until > ${NOW_MS} AS live, ack, status FROM receipts WHERE ${BAG} FOR UPDATE`,
        key,
      );
      const row = rows[0]!;
      if (row.state === 'acked') return { kind: 'done' };
      if (row.live && row.owner !== owner) return { kind: 'held' };
      await c.query(`UPDATE receipts SET owner = $4, lease_until = ${NOW_MS} + $5, claims = claims + 1 WHERE ${BAG}`, [...key, owner, leaseMs]);
      return row.state === 'acking' && row.ack && row.status ? { kind: 'resume', ack: row.ack, status: row.status } : { kind: 'claimed' };
    });
  }

  async renew(bag: CommittedBag, owner: string, leaseMs: number): Promise<boolean> {
    const r = await this.pool.query(`UPDATE receipts SET lease_until = ${NOW_MS} + $5 WHERE ${BAG} AND owner = $4 AND state <> 'acked'`, [bag.prefix, bag.batchId, bag.version, owner, leaseMs]);
    return r.rowCount === 1;
  }

  async record(owner: string, receipt: RecordedReceipt): Promise<boolean> {
    const { bag, received } = receipt;
    const key = [bag.prefix, bag.batchId, bag.version];
    return this.transaction(async (c) => {
      const { rows } = await c.query<{ owner: string; state: string }>(`SELECT owner, state FROM receipts WHERE ${BAG} FOR UPDATE`, key);
      if (rows[0]?.owner !== owner || rows[0].state !== 'leased') return false;
      await c.query(`UPDATE receipts SET state = 'acking', station_id = $4, status = $5, reason = $6, ack = $7, ack_sha256 = $8, received_at = $9 WHERE ${BAG}`, [
        ...key, received.stationId, receipt.status, receipt.reason, receipt.ack, receipt.ackSha256, receipt.receivedAt,
      ]);
      await c.query(
        `INSERT INTO stations (station_id, name, fonds, prefix, bags, last_batch, last_received_at, last_status) VALUES ($1, $2, $3, $4, 1, $5, $6, $7)
         ON CONFLICT (station_id) DO UPDATE SET name = excluded.name, fonds = excluded.fonds, prefix = excluded.prefix, bags = stations.bags + 1,
           last_batch = excluded.last_batch, last_received_at = excluded.last_received_at, last_status = excluded.last_status`,
        [received.stationId, received.stationName, received.fonds, bag.prefix, bag.batchId, receipt.receivedAt, receipt.status],
      );
      await c.query('DELETE FROM items WHERE station_id = $1 AND batch_id = $2', [received.stationId, bag.batchId]);
      for (const [i, item] of received.items.entries()) {
        await c.query('INSERT INTO items (station_id, batch_id, seq, archival_code, title, fields) VALUES ($1, $2, $3, $4, $5, $6)', [received.stationId, bag.batchId, i, item.archivalCode, item.title, JSON.stringify(item.fields)]);
      }
      // Only an accepted bag's figures count: a rejected one is sent again, and its checks did not hold.
      if (receipt.status === 'accepted' && received.supervision) {
        await c.query('INSERT INTO supervision (station_id, batch_id, file) VALUES ($1, $2, $3) ON CONFLICT (station_id, batch_id) DO UPDATE SET file = excluded.file', [received.stationId, bag.batchId, JSON.stringify(received.supervision)]);
      }
      if (receipt.chain) {
        await c.query('INSERT INTO station_keys (station_id, algorithm, public_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [received.stationId, receipt.chain.key.algorithm, receipt.chain.key.publicKey]);
        for (const e of receipt.chain.events) await c.query('INSERT INTO chain_events (station_id, id, hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [received.stationId, e.id, e.hash]);
      }
      return true;
    });
  }

  async finish(bag: CommittedBag, owner: string): Promise<void> {
    await this.pool.query(
      `UPDATE receipts SET state = 'acked', lease_until = 0,
         version = CASE status WHEN 'rejected' THEN version || '${RETIRED}' || ack_sha256 ELSE version END
       WHERE ${BAG} AND owner = $4 AND state = 'acking'`,
      [bag.prefix, bag.batchId, bag.version, owner],
    );
  }

  async stranded(): Promise<CommittedBag[]> {
    const { rows } = await this.pool.query<CommittedBag>(`SELECT prefix, batch_id AS "batchId", version FROM receipts WHERE state = 'acking' AND lease_until <= ${NOW_MS}`);
    return rows;
  }

  async stationChain(stationId: string, fromId: number, toId: number): Promise<HeldChain> {
    const key = await this.pool.query<{ algorithm: SignatureAlgorithm; public_key: string }>('SELECT algorithm, public_key FROM station_keys WHERE station_id = $1', [stationId]);
    const events = await this.pool.query<{ id: string; hash: string }>('SELECT id, hash FROM chain_events WHERE station_id = $1 AND id BETWEEN $2 AND $3', [stationId, fromId, toId]);
    const k = key.rows[0];
    return { key: k ? { algorithm: k.algorithm, publicKey: k.public_key } : null, known: new Map(events.rows.map((r) => [Number(r.id), r.hash])) };
  }

  async stations(): Promise<StationRow[]> {
    return (await this.pool.query(STATIONS_SQL)).rows.map(toStationRow);
  }

  async search(text: string, limit: number): Promise<ItemHit[]> {
    const like = substringPattern(text);
    const { rows } = await this.pool.query<{ station_id: string; batch_id: string; archival_code: string; title: string; fields: string }>(
      SEARCH_SQL,
      [like, limit],
    );
    return rows.map((r) => ({ stationId: r.station_id, batchId: r.batch_id, archivalCode: r.archival_code, title: r.title, fields: JSON.parse(r.fields) as Record<string, string> }));
  }

  async supervisionFiles(): Promise<SupervisionFile[]> {
    const { rows } = await this.pool.query<{ file: string }>('SELECT file FROM supervision ORDER BY station_id, batch_id');
    // Validated when the bag was received; read back as written.
    return rows.map((r) => JSON.parse(r.file) as SupervisionFile);
  }

  async receipts(): Promise<Array<{ prefix: string; batchId: string; version: string; status: string; ackSha256: string }>> {
    const { rows } = await this.pool.query<{ prefix: string; batchId: string; version: string; status: string; ackSha256: string }>(
      `SELECT prefix, batch_id AS "batchId", version, status, ack_sha256 AS "ackSha256" FROM receipts WHERE state = 'acked' ORDER BY prefix, batch_id`,
    );
    return rows;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
