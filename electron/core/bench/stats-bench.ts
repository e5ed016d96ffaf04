import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { STATS_VIEWS } from '../../../shared/contract';
import { statsList } from '../stats/stats-list';
import { backlogByDay } from '../stats/backlog-series';
import { rangeOf, statsReport } from '../stats/stats-report';
import { openDatabase, type Db } from '../store/open-database';
import type { BenchFigures } from './import-bench';

const PAGES_PER_FILE = 10;
const DAYS = 365;
const CLERKS = 12;
/** Files whose pages are still waiting for OCR at the end of the year. */
const QUEUED_FILES = 50;

/**
 * A store of `pages` pages in `pages / 10` imported files over a year, with one import event per
 * file, a filed item per two files (a fifth of them double-keyed), each page's OCR job and reading,
 * and padding events up to `events` — generated in SQL, since only the figures' queries are
 * measured here, not the import.
 */
export function generateStatsStore(db: Db, pages: number, events: number): void {
  const files = Math.ceil(pages / PAGES_PER_FILE);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const at = (n: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${start / 1000} + (${n}) * ${(DAYS * 86400) / files}, 'unixepoch')`;
  db.transaction(() => {
    db.exec(`
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${DAYS * 3})
      INSERT INTO batches (id, name, kind, business, state, created_at, updated_at)
        SELECT 'B' || i, '批次' || i, CASE i % 3 WHEN 0 THEN 'backfile' ELSE 'counter' END, NULL,
               CASE WHEN i > ${DAYS * 3 - 20} THEN 'open' ELSE 'closed' END, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${files})
      INSERT INTO files (sha256, size, mime, created_at) SELECT printf('%064x', i), 1, 'image/jpeg', '2026-01-01T00:00:00Z' FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${files})
      INSERT INTO source_files (id, batch_id, sha256, name, original_path, page_count, imported_at)
        SELECT 'S' || i, 'B' || (1 + (i - 1) * ${DAYS * 3} / ${files}), printf('%064x', i), 'f', 'f', ${PAGES_PER_FILE}, ${at('i')} FROM n;
      INSERT INTO items (id, batch_id, business, state, created_at, business_date, filed_at)
        SELECT 'I' || rowid, batch_id, CASE rowid % 3 WHEN 0 THEN 'TQ-ZF' WHEN 1 THEN 'TQ-GF' ELSE 'DK-SQ' END, 'filed', imported_at, substr(imported_at, 1, 10),
               strftime('%Y-%m-%dT%H:%M:%fZ', imported_at, '+' || (rowid % 3600) || ' seconds')
        FROM source_files WHERE rowid % 2 = 0;
      INSERT INTO documents (id, batch_id, item_id, source_file_id, title, created_at)
        SELECT 'D' || s.rowid, s.batch_id, CASE WHEN s.rowid % 2 = 0 THEN 'I' || s.rowid END, s.id, 'd', s.imported_at FROM source_files s;
      WITH RECURSIVE k(j) AS (SELECT 1 UNION ALL SELECT j + 1 FROM k WHERE j < ${PAGES_PER_FILE})
      INSERT INTO pages (id, batch_id, document_id, source_file_id, page_index, seq, width, height, dpi, flags, created_at)
        SELECT 'P' || s.rowid || '-' || k.j, s.batch_id, 'D' || s.rowid, s.id, k.j - 1, s.rowid * ${PAGES_PER_FILE} + k.j, 2480, 3508, 300,
               CASE WHEN (s.rowid + k.j) % 97 = 0 THEN '{"blank":true}' ELSE '{}' END, s.imported_at
        FROM source_files s, k;
      INSERT INTO events (at, actor, kind, subject, data, prev_hash, hash)
        SELECT imported_at, 'clerk-' || (rowid % ${CLERKS}), 'file.imported', id, json_object('batchId', batch_id, 'pages', ${PAGES_PER_FILE}), '', '' FROM source_files;
      INSERT INTO events (at, actor, kind, subject, data, prev_hash, hash)
        SELECT filed_at, 'clerk-' || (rowid % ${CLERKS}), 'item.filed', id, '{}', '', '' FROM items;
      -- Double entry resolved on a fifth of the items as they were filed.
      INSERT INTO keying_resolutions (item_id, version, actor, at)
        SELECT id, 1, 'clerk-' || (rowid % ${CLERKS}), filed_at FROM items WHERE rowid % 5 = 0;
      -- Every page read an hour after its import, as the OCR service stores it (the job's last step is
      -- its finishing); the pages of the last ${QUEUED_FILES} files still wait in the queue.
      INSERT INTO ocr_results (key, image_sha256, engine, model, settings, text, confidence, angle, width, height, lines, seconds, created_at)
        SELECT printf('%064x', p.rowid), s.sha256, 'ppocr', 'bench', '{}', '', 0.8 + (p.rowid % 20) / 100.0, 0, 2480, 3508, '[]', 1,
               strftime('%Y-%m-%dT%H:%M:%fZ', p.created_at, '+1 hours')
        FROM pages p JOIN source_files s ON s.id = p.source_file_id WHERE s.rowid <= ${files} - ${QUEUED_FILES};
      INSERT INTO page_ocr (page_id, ocr_key, engine, requested_at) SELECT p.id, printf('%064x', p.rowid), 'ppocr', p.created_at FROM pages p;
      INSERT INTO jobs (id, kind, state, priority, dedupe_key, payload, attempts, created_at, updated_at)
        SELECT 'J' || p.rowid, 'ocr', CASE WHEN r.key IS NULL THEN 'queued' ELSE 'done' END, 0, 'ocr:' || o.ocr_key, '{}', 1, o.requested_at,
               coalesce(r.created_at, o.requested_at)
        FROM pages p JOIN page_ocr o ON o.page_id = p.id LEFT JOIN ocr_results r ON r.key = o.ocr_key;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < max(0, ${events} - (SELECT count(*) FROM events)))
      INSERT INTO events (at, actor, kind, subject, data, prev_hash, hash)
        SELECT ${at(`i * ${files} / ${events}`)}, 'clerk-' || (i % ${CLERKS}), 'pii.viewed', 'I' || i, '{}', '', '' FROM n;
    `);
  })();
  db.exec('ANALYZE');
}

/**
 * Wall-clock and CPU milliseconds of one call: on a machine shared with other work the wall clock
 * mostly measures the others, the process's CPU time what the view itself costs.
 */
function timed(run: () => unknown): string {
  const cpu = process.cpuUsage();
  const t = performance.now();
  run();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return `${Math.round(wall)} ms wall / ${Math.round((used.user + used.system) / 1000)} ms CPU`;
}

/**
 * Time every view of the statistics screen at scale: 1 000 000 pages and 200 000 events by
 * default. With `keep`, the store is generated there once and reused by later runs (generating
 * it takes longer than the measurements), so changes to the queries are compared on one store.
 */
export async function statsBench(note: (s: string) => void, pages = 1_000_000, events = 200_000, keep: string | null = null): Promise<BenchFigures> {
  const dir = keep === null ? await mkdtemp(path.join(os.tmpdir(), 'hpf-stats-bench-')) : null;
  const file = keep ?? path.join(dir!, 'bench.sqlite');
  const reused = keep !== null && existsSync(keep);
  const db = openDatabase(file, { key: null });
  try {
    const t = performance.now();
    if (!reused) generateStatsStore(db, pages, events);
    const figures: Record<string, number | string> = {
      pages: db.prepare('SELECT count(*) FROM pages').pluck().get() as number,
      events: db.prepare('SELECT count(*) FROM events').pluck().get() as number,
      ...(reused ? { store: `${keep} (reused)` } : { generateSeconds: Number(((performance.now() - t) / 1000).toFixed(1)) }),
    };
    note(`${reused ? 'reused' : 'generated'} ${figures.pages} pages, ${figures.events} events`);
    const now = new Date('2026-12-31T08:00:00Z');
    const station = { kind: 'station' } as const;
    const ranges = { today: { preset: 'today' }, week: { preset: 'week' }, month: { preset: 'month' }, year: { preset: 'custom', from: '2026-01-01', to: '2026-12-31' } } as const;
    for (const [name, range] of Object.entries(ranges)) {
      // One report holds every view (total, clerk, business, batch kind, day): the screen opens on it.
      figures[`report ${name} (${STATS_VIEWS.length} views)`] = timed(() => statsReport(db, { range, clerk: null, business: null, batchKind: null }, station, now));
      note(`${name}: ${figures[`report ${name} (${STATS_VIEWS.length} views)`]}`);
    }
    // Opened again, as a station head comes back to it: the month's rows are now in the caches.
    figures['report month again'] = timed(() => statsReport(db, { range: ranges.month, clerk: null, business: null, batchKind: null }, station, now));
    // The part the month view's backlog chart costs (it read every OCR job before migration 0012).
    figures['month backlog chart'] = timed(() => backlogByDay(db, rangeOf({ range: ranges.month }, now)));
    figures['list month pages of one clerk'] = timed(() =>
      statsList(db, { range: ranges.month, clerk: null, business: null, batchKind: null, figure: 'pagesCaptured', view: 'clerk', key: 'clerk-3', limit: 200 }, station, now),
    );
    figures['report month one clerk'] = timed(() => statsReport(db, { range: ranges.month, clerk: 'clerk-3', business: null, batchKind: null }, { kind: 'own', clerk: 'clerk-3' }, now));
    return figures;
  } finally {
    db.close();
    if (dir !== null) await rm(dir, { recursive: true, force: true });
  }
}
