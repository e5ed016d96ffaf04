import { createHash } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { RETIRED, type Catalogue, type RecordedReceipt } from '../../electron/core/central/catalogue';
import { substringPattern } from '../../electron/core/central/catalogue-rows';
import { openCatalogue } from '../../electron/core/central/open-catalogue';
import { SEARCH_SQL } from '../../electron/core/central/pg-catalogue';
import { postgresMissing, usePostgres } from '../helpers/postgres-server';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const postgres = usePostgres();

const bag = (batchId: string, version = '"e1"@2026-12-06T02:00:00.000Z') => ({ prefix: 'branch-07/', batchId, version });

function receipt(b: ReturnType<typeof bag>, status: 'accepted' | 'rejected', chain: RecordedReceipt['chain'] = null): RecordedReceipt {
  const ack = Buffer.from(`signed ack of ${b.batchId} ${status}`);
  return {
    bag: b,
    received: {
      stationId: 'S07', stationName: '七号网点', fonds: 'F07', checks: [], ok: status === 'accepted', hashes: {},
      items: [{ archivalCode: 'F07-2026-001', title: '张三 住房公积金提取', fields: { 姓名: '张三' } }], supervision: null,
    },
    status,
    reason: status === 'rejected' ? 'receipt.fixity: altered' : null,
    ack,
    ackSha256: createHash('sha256').update(ack).digest('hex'),
    receivedAt: '2026-12-06T02:00:01.000Z',
    chain,
  };
}

// The same lease protocol on both catalogues: SQLite for one host, PostgreSQL for several.
const kinds: Array<{ name: string; open: () => Promise<Catalogue>; skip: string | null }> = [
  { name: 'SQLite', open: async () => openCatalogue(path.join(await tempDir(), 'catalogue.sqlite')), skip: null },
  { name: 'PostgreSQL', open: async () => openCatalogue(await postgres().database()), skip: postgresMissing },
];

describe.each(kinds)('the central catalogue on $name', ({ open, skip }) => {
  if (skip) it.skip(`skipped: ${skip}`, () => undefined);
  it.skipIf(skip !== null)('leases a receipt to one receiver at a time; a lapsed holder records nothing; the next claimer resumes the recorded ack; done is done', async () => {
    const catalogue = await open();
    try {
      const b = bag('B-1');
      expect(await catalogue.claim(b, 'a', 0)).toEqual({ kind: 'claimed' });
      // a's lease (0 ms) has run out: b takes over, and a can neither renew nor record.
      expect(await catalogue.claim(b, 'b', 60_000)).toEqual({ kind: 'claimed' });
      expect(await catalogue.claim(b, 'c', 60_000)).toEqual({ kind: 'held' });
      expect(await catalogue.renew(b, 'a', 60_000)).toBe(false);
      expect(await catalogue.record('a', receipt(b, 'accepted'))).toBe(false);
      const chain = { key: { algorithm: 'ed25519' as const, publicKey: 'PUB' }, events: [{ id: 1, hash: 'h1' }, { id: 2, hash: 'h2' }] };
      expect(await catalogue.record('b', receipt(b, 'accepted', chain))).toBe(true);
      // b dies before writing the ack: its lease runs out and c gets the very bytes back.
      expect(await catalogue.renew(b, 'b', 0)).toBe(true);
      expect(await catalogue.stranded()).toEqual([b]);
      expect(await catalogue.claim(b, 'c', 60_000)).toEqual({ kind: 'resume', ack: receipt(b, 'accepted').ack, status: 'accepted' });
      await catalogue.finish(b, 'c');
      expect(await catalogue.claim(b, 'd', 60_000)).toEqual({ kind: 'done' });
      expect(await catalogue.stranded()).toEqual([]);

      expect(await catalogue.receipts()).toEqual([{ prefix: 'branch-07/', batchId: 'B-1', version: b.version, status: 'accepted', ackSha256: receipt(b, 'accepted').ackSha256 }]);
      expect(await catalogue.stations()).toMatchObject([{ stationId: 'S07', bags: 1, lastBatch: 'B-1', lastStatus: 'accepted', chainHead: { id: 2, hash: 'h2' } }]);
      expect(await catalogue.stationChain('S07', 2, 5)).toEqual({ key: chain.key, known: new Map([[2, 'h2']]) });
      expect(await catalogue.search('张三', 10)).toMatchObject([{ stationId: 'S07', batchId: 'B-1', archivalCode: 'F07-2026-001' }]);
      expect(await catalogue.search('50%', 10)).toEqual([]);
    } finally {
      await catalogue.close();
    }
  });

  it.skipIf(skip !== null)('retires a rejected write when it is finished, so the same version written again is a new receipt', async () => {
    const catalogue = await open();
    try {
      const b = bag('B-2');
      expect(await catalogue.claim(b, 'a', 60_000)).toEqual({ kind: 'claimed' });
      expect(await catalogue.record('a', receipt(b, 'rejected'))).toBe(true);
      await catalogue.finish(b, 'a');
      expect(await catalogue.claim(b, 'a', 60_000)).toEqual({ kind: 'claimed' });
      expect(await catalogue.receipts()).toEqual([{ prefix: 'branch-07/', batchId: 'B-2', version: `${b.version}${RETIRED}${receipt(b, 'rejected').ackSha256}`, status: 'rejected', ackSha256: receipt(b, 'rejected').ackSha256 }]);
    } finally {
      await catalogue.close();
    }
  });
});

describe('the PostgreSQL catalogue\'s search', () => {
  if (postgresMissing) it.skip(`skipped: ${postgresMissing}`, () => undefined);
  it.skipIf(postgresMissing !== null)('finds substrings through a pg_trgm index where the extension is installed (Debian\'s contrib), with the same answers', async () => {
    const url = await postgres().database();
    const catalogue = await openCatalogue(url);
    // The tables and the index are made by the catalogue itself on first open.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (let i = 0; i < 40; i++) {
        const b = bag(`B-T${i}`);
        await catalogue.claim(b, 'a', 60_000);
        const r = receipt(b, 'accepted');
        const item = { archivalCode: `F07-2026-${String(i).padStart(3, '0')}`, title: i === 17 ? '王五 住房公积金贷款 合同' : `张三 住房公积金提取 ${i}`, fields: { 姓名: i === 17 ? '王五' : '张三' } };
        expect(await catalogue.record('a', { ...r, received: { ...r.received, items: [item] } })).toBe(true);
      }
      const { rows: indexes } = await client.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'items'");
      expect(indexes.map((i) => i.indexdef)).toContainEqual(expect.stringMatching(/USING gin \(archival_code gin_trgm_ops, title gin_trgm_ops, fields gin_trgm_ops\)/));

      // On 40 rows the planner would rather walk them in key order (the search's ORDER BY … LIMIT):
      // with whole-table and ordered scans discouraged, a search that can use an index reads the trigram index.
      await client.query('SET enable_seqscan = off; SET enable_indexscan = off');
      const { rows: plan } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${SEARCH_SQL}`, [substringPattern('公积金贷款'), 10]);
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('items_text_trgm');
      expect(await catalogue.search('公积金贷款', 10)).toMatchObject([{ batchId: 'B-T17', title: '王五 住房公积金贷款 合同' }]);
      expect(await catalogue.search('2026-03', 50)).toHaveLength(10);
      // Opened again (another receiver starting): nothing to create twice.
      await (await openCatalogue(url)).close();
    } finally {
      await client.end();
      await catalogue.close();
    }
  });
});
