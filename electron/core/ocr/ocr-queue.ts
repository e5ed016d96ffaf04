import os from 'node:os';
import { z } from 'zod';
import { OcrEngineName, type OcrQueueStatus } from '../../../shared/contract';
import { isAlive } from '../files/blob-store';
import { hasResult, requestPageOcr, type PageForOcr } from '../store/repo/ocr-results';
import type { Db } from '../store/open-database';
import { newId, nowIso } from '../util/ids';
import type { OcrOptions } from './engine';
import { engineSettings, ocrKey } from './ocr-key';

/**
 * The persistent OCR queue on the `jobs` table: one job per image, engine and settings (its
 * dedupe key), so a page is never read twice and pages showing the same image share one job.
 * Runners claim jobs under a lease they renew; a job whose runner died is claimed again.
 */

/** Counter work is read before backfile; a page the clerk is looking at before both. */
export const PRIORITY = { foreground: 200, counter: 100, backfile: 0 } as const;

/** A job that stopped its runner this many times (a crash) is not tried again by itself. */
const MAX_ATTEMPTS = 3;

export const OcrJobPayload = z.object({
  key: z.string(),
  imageSha256: z.string(),
  engine: OcrEngineName,
  options: z.object({ deskew: z.boolean() }),
  settings: z.record(z.string(), z.unknown()),
  dpi: z.number().nullable(),
});
export type OcrJobPayload = z.infer<typeof OcrJobPayload>;

export interface ClaimedJob {
  readonly id: string;
  readonly payload: OcrJobPayload;
}

/** A runner's identity: host and process, so a claim held by a dead process can be recognized. */
export const runnerId = (): string => `${os.hostname()}:${process.pid}:${newId('R')}`;

export interface EnqueueOutcome {
  readonly requested: number;
  readonly queued: number;
  readonly alreadyRead: number;
}

/** A page and the engine that is to read it. */
export type PageToRead = PageForOcr & { readonly engine: OcrEngineName };

/**
 * Ask for OCR of pages, each with its engine. Pages whose image was already read with that
 * engine and these settings get that result at once; the others get a job, or raise the
 * priority of the job there is. `revive` puts failed and cancelled jobs back in the queue.
 */
export function enqueueOcr(
  db: Db,
  pages: readonly PageToRead[],
  options: OcrOptions,
  opts: { priority?: number; revive?: boolean } = {},
): EnqueueOutcome {
  // Settings read the installed packages' versions: once per engine, not per page.
  const settingsByEngine = new Map<OcrEngineName, Record<string, unknown>>();
  const settingsOf = (engine: OcrEngineName) => {
    const known = settingsByEngine.get(engine) ?? engineSettings(engine, options);
    settingsByEngine.set(engine, known);
    return known;
  };
  const at = nowIso();
  const upsert = db.prepare(
    `INSERT INTO jobs (id, kind, state, priority, dedupe_key, payload, attempts, created_at, updated_at)
     VALUES (@id, 'ocr', 'queued', @priority, @dedupe, @payload, 0, @at, @at)
     ON CONFLICT (dedupe_key) DO UPDATE SET
       priority = max(jobs.priority, excluded.priority),
       state = CASE WHEN @revive AND jobs.state IN ('failed', 'cancelled') THEN 'queued' ELSE jobs.state END,
       attempts = CASE WHEN @revive AND jobs.state IN ('failed', 'cancelled') THEN 0 ELSE jobs.attempts END,
       error = CASE WHEN @revive AND jobs.state IN ('failed', 'cancelled') THEN NULL ELSE jobs.error END,
       updated_at = excluded.updated_at`,
  );
  return db.transaction((): EnqueueOutcome => {
    let queued = 0;
    let alreadyRead = 0;
    for (const page of pages) {
      const { engine } = page;
      const settings = settingsOf(engine);
      const key = ocrKey(page.imageSha256, settings);
      requestPageOcr(db, page.pageId, key, engine);
      if (hasResult(db, key)) {
        alreadyRead++;
        continue;
      }
      const payload: OcrJobPayload = { key, imageSha256: page.imageSha256, engine, options, settings, dpi: page.dpi };
      upsert.run({
        id: newId('J'),
        priority: opts.priority ?? (page.batchKind === 'counter' ? PRIORITY.counter : PRIORITY.backfile),
        dedupe: `ocr:${key}`,
        payload: JSON.stringify(payload),
        revive: opts.revive ? 1 : 0,
        at,
      });
      queued++;
    }
    return { requested: pages.length, queued, alreadyRead };
  })();
}

const BATCH_SCOPE = `dedupe_key IN (SELECT 'ocr:' || o.ocr_key FROM page_ocr o JOIN pages p ON p.id = o.page_id WHERE p.batch_id = @batch)`;

/**
 * Claim the most urgent job: queued, or running under a lease that ran out or whose runner's
 * process is gone. One immediate transaction, so two runners never get the same job.
 */
export function claimJob(db: Db, owner: string, leaseMs: number, batchId?: string): ClaimedJob | null {
  const now = Date.now();
  return db.transaction((): ClaimedJob | null => {
    const scope = batchId === undefined ? '' : `AND ${BATCH_SCOPE}`;
    // Running jobs are candidates only when their lease ran out or their runner may be dead
    // (same host: checked below); a short list, since skipped rows change state or stay few.
    const candidates = db
      .prepare(
        `SELECT id, payload, attempts, state, lease_owner, lease_until FROM jobs
         WHERE kind = 'ocr' ${scope}
           AND (state = 'queued' OR (state = 'running' AND (lease_until IS NULL OR lease_until < @now OR lease_owner LIKE @host)))
         ORDER BY priority DESC, rowid
         LIMIT 64`,
      )
      .all({ batch: batchId ?? null, now, host: `${os.hostname()}:%` }) as Array<{
      id: string; payload: string; attempts: number; state: string; lease_owner: string | null; lease_until: number | null;
    }>;
    for (const job of candidates) {
      if (job.state === 'running' && !leaseLapsed(job.lease_owner, job.lease_until, now)) continue;
      const payload = OcrJobPayload.parse(JSON.parse(job.payload));
      if (hasResult(db, payload.key)) {
        setState(db, job.id, 'done', null);
        continue;
      }
      if (job.attempts >= MAX_ATTEMPTS) {
        setState(db, job.id, 'failed', `OCR stopped ${job.attempts} times on this image (worker crash?)`);
        continue;
      }
      db.prepare(
        `UPDATE jobs SET state = 'running', lease_owner = ?, lease_until = ?, attempts = attempts + 1, error = NULL, updated_at = ?
         WHERE id = ?`,
      ).run(owner, now + leaseMs, nowIso(), job.id);
      return { id: job.id, payload };
    }
    return null;
  }).immediate();
}

function leaseLapsed(owner: string | null, until: number | null, now: number): boolean {
  if (until === null || until < now) return true;
  const [host, pid] = (owner ?? '').split(':');
  return host === os.hostname() && pid !== undefined && !isAlive(Number(pid));
}

function setState(db: Db, id: string, state: 'done' | 'failed' | 'queued', error: string | null): void {
  db.prepare('UPDATE jobs SET state = ?, error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE id = ?').run(
    state, error, nowIso(), id,
  );
}

/** Extend the runner's leases; returns the jobs it holds that were cancelled or taken meanwhile. */
export function renewLeases(db: Db, owner: string, jobIds: readonly string[], leaseMs: number): string[] {
  if (jobIds.length === 0) return [];
  db.prepare(`UPDATE jobs SET lease_until = ? WHERE lease_owner = ? AND state = 'running'`).run(Date.now() + leaseMs, owner);
  return (
    db
      .prepare(`SELECT id FROM jobs WHERE id IN (SELECT value FROM json_each(?)) AND (state <> 'running' OR lease_owner IS NOT ?)`)
      .pluck()
      .all(JSON.stringify(jobIds), owner) as string[]
  );
}

/** The job's image was read: the result is stored by the caller in the same transaction. */
export function finishJob(db: Db, jobId: string): void {
  setState(db, jobId, 'done', null);
}

/** A failure: a crash is tried again (up to MAX_ATTEMPTS), an error the engine reported is final. */
export function failJob(db: Db, owner: string, jobId: string, error: string, retry: boolean): void {
  db.prepare(
    `UPDATE jobs SET state = CASE WHEN ? AND attempts < ? THEN 'queued' ELSE 'failed' END, error = ?,
       lease_owner = NULL, lease_until = NULL, updated_at = ?
     WHERE id = ? AND state = 'running' AND lease_owner = ?`,
  ).run(retry ? 1 : 0, MAX_ATTEMPTS, error, nowIso(), jobId, owner);
}

/** Hand back the runner's unfinished jobs (orderly shutdown); the attempt does not count. */
export function releaseJobs(db: Db, owner: string): void {
  db.prepare(
    `UPDATE jobs SET state = 'queued', attempts = max(0, attempts - 1), lease_owner = NULL, lease_until = NULL, updated_at = ?
     WHERE lease_owner = ? AND state = 'running'`,
  ).run(nowIso(), owner);
}

/** Cancel queued and running OCR, of one batch or all; returns how many jobs were cancelled. */
export function cancelJobs(db: Db, batchId?: string): number {
  const scope = batchId === undefined ? '' : `AND ${BATCH_SCOPE}`;
  return db
    .prepare(
      `UPDATE jobs SET state = 'cancelled', lease_owner = NULL, lease_until = NULL, updated_at = @at
       WHERE kind = 'ocr' AND state IN ('queued', 'running') ${scope}`,
    )
    .run({ at: nowIso(), batch: batchId ?? null }).changes;
}

/** Jobs of a batch (or of all batches) still queued or held by a live lease. */
export function openJobCount(db: Db, batchId?: string): number {
  const scope = batchId === undefined ? '' : `AND ${BATCH_SCOPE}`;
  return db
    .prepare(`SELECT count(*) FROM jobs WHERE kind = 'ocr' AND state IN ('queued', 'running') ${scope}`)
    .pluck()
    .get({ batch: batchId ?? null }) as number;
}

type Counts = Pick<OcrQueueStatus, 'queued' | 'running' | 'done' | 'failed' | 'cancelled'>;

/** Page counts by OCR state, overall and per batch with work requested (counter batches first). */
export function queueCounts(db: Db): Counts & { batches: OcrQueueStatus['batches'] } {
  const rows = db
    .prepare(
      `SELECT p.batch_id AS batchId, b.name AS name, b.kind AS kind,
              CASE WHEN r.key IS NOT NULL THEN 'done' ELSE coalesce(j.state, 'queued') END AS page_state, count(*) AS n
       FROM page_ocr o
       JOIN pages p ON p.id = o.page_id
       JOIN batches b ON b.id = p.batch_id
       LEFT JOIN ocr_results r ON r.key = o.ocr_key
       LEFT JOIN jobs j ON j.dedupe_key = 'ocr:' || o.ocr_key
       GROUP BY p.batch_id, page_state
       ORDER BY b.kind = 'counter' DESC, b.created_at`,
    )
    .all() as Array<{ batchId: string; name: string; kind: 'counter' | 'backfile'; page_state: keyof Counts; n: number }>;
  const total: Counts = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
  const batches = new Map<string, OcrQueueStatus['batches'][number]>();
  for (const r of rows) {
    total[r.page_state] += r.n;
    const b = batches.get(r.batchId) ?? { batchId: r.batchId, name: r.name, kind: r.kind, queued: 0, running: 0, done: 0, failed: 0, total: 0 };
    if (r.page_state !== 'cancelled') b[r.page_state] += r.n;
    b.total += r.n;
    batches.set(r.batchId, b);
  }
  return { ...total, batches: [...batches.values()] };
}
