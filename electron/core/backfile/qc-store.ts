import { randomInt } from 'node:crypto';
import { acceptance, drawSample, QC_REASONS, type Acceptance, type QcReason } from '../../../shared/filing/review';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { Db } from '../store/open-database';
import { getBatch } from '../store/repo/batches';
import { listPages } from '../store/repo/pages';
import { newId, nowIso } from '../util/ids';
import { trashPages } from '../pages/page-ops';

export const MIN_QC_RATE = 0.05;

export interface QcSample {
  readonly id: string;
  readonly batchId: string;
  readonly rate: number;
  readonly requiredPassRate: number;
  readonly seed: number;
  readonly state: 'open' | 'accepted' | 'rejected';
  readonly note: string | null;
  readonly pages: Array<{ page: string; verdict: 'pass' | 'fail' | null; reason: QcReason | null; note: string | null; actor: string | null }>;
  readonly result: Acceptance;
}

export function getSample(db: Db, id: string): QcSample {
  const row = db.prepare('SELECT * FROM qc_samples WHERE id = ?').get(id) as
    | { id: string; batch_id: string; rate: number; pass_rate: number; seed: number; state: QcSample['state']; note: string | null }
    | undefined;
  if (!row) throw new DeskError('not_found', `没有这个抽检 / no QC sample ${id}`);
  const pages = db
    .prepare('SELECT s.page_id AS page, s.verdict, s.reason, s.note, s.actor FROM qc_sample_pages s JOIN pages p ON p.id = s.page_id WHERE s.sample_id = ? ORDER BY p.seq')
    .all(id) as QcSample['pages'];
  const verdicts = pages.flatMap((p) => (p.verdict ? [p.verdict] : []));
  return { id: row.id, batchId: row.batch_id, rate: row.rate, requiredPassRate: row.pass_rate, seed: row.seed, state: row.state, note: row.note, pages, result: acceptance(verdicts, row.pass_rate) };
}

export function listSamples(db: Db, batchId: string): QcSample[] {
  if (!getBatch(db, batchId)) throw new DeskError('not_found', `没有这个批次 / no batch ${batchId}`);
  const ids = db.prepare('SELECT id FROM qc_samples WHERE batch_id = ? ORDER BY created_at DESC, rowid DESC').pluck().all(batchId) as string[];
  return ids.map((id) => getSample(db, id));
}

/** Draw a QC sample of a batch's pages (rate ≥ 5 %, DA/T 31); the seed is kept so the draw can be checked. */
export function createSample(db: Db, actor: string, input: { batchId: string; rate: number; requiredPassRate?: number; seed?: number }): QcSample {
  if (!(input.rate >= MIN_QC_RATE && input.rate <= 1)) throw new DeskError('bad_request', `抽检比例须在 5%–100% / the sampling rate must be 5 %–100 % (got ${input.rate})`);
  const required = input.requiredPassRate ?? 0.95;
  if (!(required > 0 && required <= 1)) throw new DeskError('bad_request', 'pass rate must be in (0, 1]');
  if (!getBatch(db, input.batchId)) throw new DeskError('not_found', `没有这个批次 / no batch ${input.batchId}`);
  const seed = input.seed ?? randomInt(1, 2 ** 31);
  const id = newId('Q');
  db.transaction(() => {
    const chosen = drawSample(listPages(db, input.batchId).map((p) => p.id), input.rate, seed);
    if (chosen.length === 0) throw new DeskError('conflict', '批次中没有页面 / the batch has no pages');
    db.prepare("INSERT INTO qc_samples (id, batch_id, rate, pass_rate, seed, state, actor, created_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)").run(id, input.batchId, input.rate, required, seed, actor, nowIso());
    const put = db.prepare('INSERT INTO qc_sample_pages (sample_id, page_id) VALUES (?, ?)');
    for (const p of chosen) put.run(id, p);
    appendEvent(db, { actor, kind: 'qc.sampled', subject: id, data: { batchId: input.batchId, rate: input.rate, seed, pages: chosen.length } });
  })();
  return getSample(db, id);
}

/** A page's verdict; a failing page needs a reason. Verdicts can change until the batch is decided. */
export function judgePage(db: Db, actor: string, input: { sampleId: string; pageId: string; verdict: 'pass' | 'fail'; reason?: QcReason; note?: string }): QcSample {
  if (input.verdict === 'fail' && !input.reason) throw new DeskError('bad_request', `不合格须说明原因（${QC_REASONS.join('、')}）/ a failing page needs a reason`);
  db.transaction(() => {
    const sample = getSample(db, input.sampleId);
    if (sample.state !== 'open') throw new DeskError('conflict', '该批次已判定 / the sample is decided');
    if (!sample.pages.some((p) => p.page === input.pageId)) throw new DeskError('bad_request', `该页不在抽检样本中 / page ${input.pageId} is not in the sample`);
    db.prepare('UPDATE qc_sample_pages SET verdict = ?, reason = ?, note = ?, actor = ?, at = ? WHERE sample_id = ? AND page_id = ?').run(
      input.verdict, input.verdict === 'fail' ? input.reason! : null, input.note ?? null, actor, nowIso(), input.sampleId, input.pageId,
    );
    appendEvent(db, { actor, kind: 'qc.judged', subject: input.pageId, data: { sample: input.sampleId, verdict: input.verdict, reason: input.reason ?? null } });
  })();
  return getSample(db, input.sampleId);
}

/**
 * Accept or reject the batch once every sampled page is judged. Every failed page goes back for
 * rescanning with its reason, whatever the batch's outcome.
 */
export function decideSample(db: Db, actor: string, sampleId: string, note?: string): QcSample {
  db.transaction(() => {
    const sample = getSample(db, sampleId);
    if (sample.state !== 'open') throw new DeskError('conflict', '该批次已判定 / the sample is decided');
    const open = sample.pages.filter((p) => p.verdict === null);
    if (open.length > 0) throw new DeskError('conflict', `还有 ${open.length} 页未判定 / ${open.length} sampled pages are not judged yet`);
    const state = sample.result.accepted ? 'accepted' : 'rejected';
    db.prepare('UPDATE qc_samples SET state = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ?').run(state, actor, nowIso(), note ?? null, sampleId);
    const request = db.prepare("INSERT INTO rescan_requests (page_id, sample_id, reason, note, state, actor, requested_at) VALUES (?, ?, ?, ?, 'open', ?, ?)");
    for (const p of sample.pages.filter((x) => x.verdict === 'fail')) request.run(p.page, sampleId, p.reason, p.note ?? '', actor, nowIso());
    appendEvent(db, { actor, kind: `qc.${state}`, subject: sample.batchId, data: { sample: sampleId, ...sample.result } });
  })();
  return getSample(db, sampleId);
}

export interface RescanRequest {
  readonly id: number;
  readonly page: string;
  readonly reason: string;
  readonly note: string;
  readonly state: 'open' | 'done';
  readonly requestedAt: string;
}

export function listRescans(db: Db, batchId: string): RescanRequest[] {
  return db
    .prepare(
      `SELECT r.id, r.page_id AS page, r.reason, r.note, r.state, r.requested_at AS requestedAt
       FROM rescan_requests r JOIN pages p ON p.id = r.page_id WHERE p.batch_id = ? ORDER BY r.id`,
    )
    .all(batchId) as RescanRequest[];
}

/**
 * A rescanned page takes the rejected page's place (its document and position); the rejected
 * page goes to the trash, kept for the record, and its rescan request is done.
 */
export function replaceRescanned(db: Db, actor: string, oldPageId: string, newPageId: string): void {
  db.transaction(() => {
    const get = db.prepare('SELECT id, batch_id, document_id, seq FROM pages WHERE id = ?');
    const old = get.get(oldPageId) as { id: string; batch_id: string; document_id: string; seq: number } | undefined;
    const fresh = get.get(newPageId) as typeof old;
    if (!old || !fresh) throw new DeskError('not_found', '没有这一页 / no such page');
    if (old.batch_id !== fresh.batch_id) throw new DeskError('bad_request', '重扫页须在同一批次 / the rescan must be in the same batch');
    const open = db.prepare("SELECT count(*) FROM rescan_requests WHERE page_id = ? AND state = 'open'").pluck().get(oldPageId) as number;
    if (open === 0) throw new DeskError('conflict', '该页没有待重扫的要求 / no open rescan request for the page');
    trashPages(db, actor, [oldPageId], '重扫替换 / replaced by rescan');
    const set = db.prepare('UPDATE pages SET seq = ?, document_id = ? WHERE id = ?');
    set.run(-old.seq, old.document_id, oldPageId);
    set.run(old.seq, old.document_id, newPageId);
    set.run(fresh.seq, old.document_id, oldPageId);
    db.prepare("UPDATE rescan_requests SET state = 'done', done_at = ? WHERE page_id = ? AND state = 'open'").run(nowIso(), oldPageId);
    appendEvent(db, { actor, kind: 'qc.rescanned', subject: oldPageId, data: { replacement: newPageId } });
  })();
}
