import { createHash } from 'node:crypto';
import type { CoreEvent, TransferError, TransferState } from '../../../shared/contract';
import { backoffDelay } from '../../../shared/logic/backoff';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import type { BagPlan } from '../transfer/bag-layout';
import { COMMIT_MARKER } from '../transfer/bag-text';
import { packageTransfer } from '../transfer/package-transfer';
import { getTransfer, loadPlan, moveTransfer, dueTransfers, type TransferRow } from '../transfer/transfer-store';
import { UploadLedger } from '../transfer/upload-ledger';
import { judgeAck } from './acknowledgement';
import { getStation } from '../store/repo/station';
import { centreTrust } from '../trust/provisioning';
import { sealedHead } from '../transfer/chain-seal';
import { purgeDue } from './purge';
import { pullReferenceData } from './reference-data';
import { sendBag } from './send-bag';
import { SyncLease } from './sync-lease';
import { pausedProbe, readSyncSettings } from './sync-settings';
import type { SyncTarget } from './sync-target';
import { TokenBucket } from './throttle';
import { classifyError, CREDENTIAL_CODES, TransferFailure } from './transfer-errors';

export interface SyncDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly actor: string;
  readonly emit: (event: CoreEvent) => void;
}

export interface SyncRunOptions {
  readonly target: SyncTarget;
  readonly signal?: AbortSignal;
  /** Shared cap; by default one at the station's configured bandwidth. */
  readonly bucket?: TokenBucket;
  /** Files in flight per batch. */
  readonly concurrency?: number;
  /** Try batches now even if their retry time has not come (a person asked). */
  readonly force?: boolean;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  readonly random?: () => number;
  /** How often a running batch looks for a pause (per batch or for all). */
  readonly pausePollMs?: number;
}

export interface SyncReport {
  readonly target: string;
  /** Another sender (the app or another CLI) holds the store's sync lease; nothing was done. */
  readonly busy: boolean;
  readonly sent: string[];
  readonly acknowledged: string[];
  readonly purged: string[];
  readonly reference: string[];
  /** Transfers still on their way (not acknowledged, purged or failed). */
  readonly pending: number;
  readonly errors: Array<TransferError & { readonly batchId: string | null }>;
}

/** Thrown out of a batch whose sending was paused: not a failure, nothing is recorded. */
class PausedError extends Error {
  override name = 'PausedError';
}
const PAUSED = 'paused';
const PROGRESS_EVERY_MS = 250;

/**
 * One pass of the sender: pull newer reference data, then move every due batch as far as it
 * goes (package and check, send, read its acknowledgement), then purge what policy allows.
 * Each batch's failure is recorded on it (transient: retry later with backoff; permanent:
 * failed with the reason) and does not stop the others.
 */
export async function syncOnce(deps: SyncDeps, options: SyncRunOptions): Promise<SyncReport> {
  const { db } = deps;
  const { target } = options;
  const signal = options.signal ?? new AbortController().signal;
  const report: SyncReport = { target: target.label, busy: false, sent: [], acknowledged: [], purged: [], reference: [], pending: 0, errors: [] };
  const lease = new SyncLease(db);
  if (!lease.acquire()) return { ...report, busy: true, pending: pendingCount(db) };
  const renew = setInterval(() => lease.acquire(), 15_000);
  renew.unref();
  const settings = readSyncSettings(db);
  const bucket = options.bucket ?? new TokenBucket(settings.bandwidth);
  try {
    // Once the target has refused the station's keys, the other batches are not tried with them
    // in this pass: each keeps the same reason in its queue state.
    let keysRefused: TransferError | null = null;
    try {
      report.reference.push(...(await pullReferenceData(deps, target, signal)));
    } catch (err) {
      signal.throwIfAborted();
      const error = classifyError(err);
      report.errors.push({ batchId: null, ...error });
      if (CREDENTIAL_CODES.has(error.code)) keysRefused = error;
    }
    const now = options.force ? '9999' : new Date().toISOString();
    for (const t of dueTransfers(db, now)) {
      if (signal.aborted || readSyncSettings(db).paused) break;
      try {
        if (keysRefused) throw new TransferFailure(keysRefused);
        await advance(deps, options, t, bucket, signal, report);
      } catch (err) {
        signal.throwIfAborted();
        if (err instanceof PausedError) continue;
        const error = classifyError(err);
        report.errors.push({ batchId: t.batchId, ...error });
        recordFailure(deps, t.batchId, error, options);
        if (CREDENTIAL_CODES.has(error.code)) keysRefused = error;
      }
    }
    report.purged.push(...(await purgeDue(deps, readSyncSettings(db).retainDays)));
  } finally {
    clearInterval(renew);
    lease.release();
  }
  return { ...report, pending: pendingCount(db) };
}

const pendingCount = (db: Db): number =>
  db.prepare("SELECT count(*) FROM transfers WHERE state NOT IN ('acknowledged', 'purged', 'failed')").pluck().get() as number;

function recordFailure(deps: SyncDeps, batchId: string, error: TransferError, options: SyncRunOptions): void {
  const { db, actor } = deps;
  db.transaction(() => {
    const current = getTransfer(db, batchId)!;
    if (error.kind === 'permanent') {
      moveTransfer(db, actor, batchId, 'failed', { error });
    } else {
      const attempts = current.attempts + 1;
      const wait = backoffDelay(attempts - 1, options.random, options.retryBaseMs ?? 5_000, options.retryMaxMs ?? 15 * 60_000);
      moveTransfer(db, actor, batchId, current.state, { error, attempts, nextAttemptAt: new Date(Date.now() + wait).toISOString() });
    }
  })();
  deps.emit({ type: 'batch.changed', batchId });
}

async function advance(deps: SyncDeps, options: SyncRunOptions, t: TransferRow, bucket: TokenBucket, signal: AbortSignal, report: SyncReport): Promise<void> {
  const { db } = deps;
  let state: TransferState = t.state;
  if (state === 'queued' || state === 'packaging') {
    const checks = await packageTransfer(deps, t.batchId);
    if (!checks.ok) {
      const failed = checks.checks.filter((c) => !c.ok).map((c) => c.id).join(', ');
      report.errors.push({ batchId: t.batchId, kind: 'permanent', code: 'checks_failed', message: `四性检测未通过 / four checks failed: ${failed}` });
      return;
    }
    state = 'checked';
  }
  const plan = loadPlan(db, t.batchId);
  if (!plan) throw new Error(`batch ${t.batchId} is ${state} but has no bag`);
  if (state === 'checked' || state === 'uploading') {
    await upload(deps, options, plan, bucket, signal);
    report.sent.push(t.batchId);
    state = 'uploaded';
  }
  if (state === 'uploaded') await readAcknowledgement(deps, options, plan, bucket, signal, report);
}

/** Send the bag to the target, aborting at once when the batch or all sending is paused. */
async function upload(deps: SyncDeps, options: SyncRunOptions, plan: BagPlan, bucket: TokenBucket, signal: AbortSignal): Promise<void> {
  const { db, actor, emit } = deps;
  const { target } = options;
  db.transaction(() => moveTransfer(db, actor, plan.batchId, 'uploading', { target: target.id }))();
  const ledger = new UploadLedger(db, plan.batchId, target.id);
  const controller = new AbortController();
  const onStop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onStop, { once: true });
  const isPaused = db.prepare('SELECT paused FROM transfers WHERE batch_id = ?').pluck();
  const allPaused = pausedProbe(db);
  const stopIfPaused = () => {
    if (isPaused.get(plan.batchId) === 1 || allPaused()) controller.abort(PAUSED);
  };
  // Between files, and every so often within a large one.
  const watch = setInterval(stopIfPaused, options.pausePollMs ?? 500);
  const verified = ledger.states();
  const bytesTotal = plan.files.reduce((n, f) => n + f.size, 0);
  let filesDone = plan.files.filter((f) => verified.get(f.path)?.state === 'verified').length;
  let bytesVerified = plan.files.filter((f) => verified.get(f.path)?.state === 'verified').reduce((n, f) => n + f.size, 0);
  let inFlight = 0;
  let lastEmit = 0;
  const progress = (force = false) => {
    const now = performance.now();
    if (!force && now - lastEmit < PROGRESS_EVERY_MS) return;
    lastEmit = now;
    emit({
      type: 'sync.progress', batchId: plan.batchId, state: 'uploading', filesDone, filesTotal: plan.files.length,
      bytesDone: Math.min(bytesTotal, bytesVerified + inFlight), bytesTotal,
    });
  };
  progress(true);
  try {
    await sendBag(target, deps.blobs, plan, {
      signal: controller.signal,
      bucket,
      ledger,
      onSent: (n) => {
        inFlight += n;
        progress();
      },
    }, options.concurrency ?? 4, {
      beforeFile: stopIfPaused,
      onVerified: (file) => {
        filesDone = Math.min(plan.files.length, filesDone + 1);
        bytesVerified += file.size;
        inFlight = Math.max(0, inFlight - file.size);
        progress();
      },
    });
  } catch (err) {
    if (controller.signal.reason === PAUSED && !signal.aborted) throw new PausedError(plan.batchId);
    throw err;
  } finally {
    clearInterval(watch);
    signal.removeEventListener('abort', onStop);
  }
  db.transaction(() => moveTransfer(db, actor, plan.batchId, 'uploaded', { error: null, attempts: 0, nextAttemptAt: null }))();
  emit({ type: 'sync.progress', batchId: plan.batchId, state: 'uploaded', filesDone: plan.files.length, filesTotal: plan.files.length, bytesDone: bytesTotal, bytesTotal });
  emit({ type: 'batch.changed', batchId: plan.batchId });
}

/**
 * Judge the central archive's acknowledgement against our own hashes. Altered or missing files
 * are sent again (with the commit marker, so the centre knows to look again) in this pass.
 */
async function readAcknowledgement(deps: SyncDeps, options: SyncRunOptions, plan: BagPlan, bucket: TokenBucket, signal: AbortSignal, report: SyncReport): Promise<void> {
  const { db, actor, emit } = deps;
  const t = getTransfer(db, plan.batchId)!;
  // The acknowledgement comes back through the target the bag went to (a USB disk comes back with it).
  if (t.target !== null && t.target !== options.target.id) return;
  const bytes = await options.target.readAck(plan.batchId, signal);
  if (bytes === null) return;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 === t.ackSha256) return;
  // Only the provisioned centre key speaks for the centre: this is the one door to `acknowledged`, and so to purging.
  const verdict = judgeAck(bytes, plan, { centre: centreTrust(db), stationId: getStation(db).id, chainHead: await sealedHead(deps.blobs, plan) });
  switch (verdict.kind) {
    case 'accepted':
      db.transaction(() => moveTransfer(db, actor, plan.batchId, 'acknowledged', { ack: { sha256, text: bytes.toString('utf8') }, error: null }))();
      report.acknowledged.push(plan.batchId);
      break;
    case 'resend': {
      const error: TransferError = { kind: 'transient', code: 'ack_mismatch', message: verdict.reason };
      db.transaction(() => {
        new UploadLedger(db, plan.batchId, options.target.id).reset([...verdict.paths, COMMIT_MARKER]);
        moveTransfer(db, actor, plan.batchId, 'uploading', { ack: { sha256, text: null }, error });
      })();
      report.errors.push({ batchId: plan.batchId, ...error });
      await upload(deps, options, plan, bucket, signal);
      report.sent.push(plan.batchId);
      break;
    }
    case 'rejected':
      db.transaction(() =>
        moveTransfer(db, actor, plan.batchId, 'failed', { ack: { sha256, text: bytes.toString('utf8') }, error: { kind: 'permanent', code: 'ack_rejected', message: verdict.reason } }),
      )();
      report.errors.push({ batchId: plan.batchId, kind: 'permanent', code: 'ack_rejected', message: verdict.reason });
      break;
    case 'invalid':
      db.transaction(() =>
        moveTransfer(db, actor, plan.batchId, 'uploaded', { ack: { sha256, text: null }, error: { kind: 'transient', code: verdict.code, message: verdict.reason } }),
      )();
      report.errors.push({ batchId: plan.batchId, kind: 'transient', code: verdict.code, message: verdict.reason });
      break;
  }
  emit({ type: 'batch.changed', batchId: plan.batchId });
}
