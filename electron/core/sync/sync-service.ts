import type { SyncStatus } from '../../../shared/contract';
import { DeskError } from '../errors';
import { getBatch } from '../store/repo/batches';
import { getTransfer, listTransferStatus, loadPlan, moveTransfer, nextDueAt, setPaused } from '../transfer/transfer-store';
import type { CredentialProvider } from './credentials';
import { openTarget } from './open-target';
import { httpExceptions } from './endpoint-policy';
import type { SyncTarget } from './sync-target';
import type { S3TargetOptions } from './s3-target';
import { syncOnce, type SyncDeps, type SyncReport } from './sync-engine';
import { SyncLease } from './sync-lease';
import { readSyncSettings, writeSyncSettings } from './sync-settings';
import { defaultTarget, targetUri, type TargetSpec } from './target-spec';
import { TokenBucket } from './throttle';
import { carrierSeal } from './carrier-seal';

export interface SyncServiceOptions {
  /** Longest wait between passes: how often acknowledgements are looked for. */
  readonly pollMs?: number;
  readonly retryBaseMs?: number;
  readonly s3?: S3TargetOptions;
  readonly concurrency?: number;
  /** Send here instead of the station's default target (`hpf-desk sync --target`); the name finds its keys. */
  readonly target?: { readonly name: string | null; readonly spec: TargetSpec };
  /** Told the outcome of every pass. */
  readonly onReport?: (report: SyncReport) => void;
}

/**
 * The app's background sender: runs sync passes against the station's default target while the
 * app is open, sooner when asked or when a retry falls due, and answers the status view. Pause
 * and resume are rows in the store, so they also reach a `hpf-desk sync` running beside the app.
 */
export class SyncService {
  private running = false;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** The next pass ignores retry times (someone pressed 立即同步). */
  private forceNext = false;
  /** Kicked while a pass was running: run again right after it. */
  private kicked = false;
  private controller = new AbortController();
  private readonly bucket: TokenBucket;

  constructor(
    private readonly deps: SyncDeps & { readonly credentials: CredentialProvider },
    private readonly options: SyncServiceOptions = {},
  ) {
    this.bucket = new TokenBucket(readSyncSettings(deps.db).bandwidth);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.controller = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller.abort(new Error('stopping'));
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** Run a pass soon (after a batch was queued, resumed or retried); `force`: retry now, not at the backoff time. */
  kick(force = false): void {
    this.forceNext ||= force;
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const chosen = this.options.target ?? defaultTarget(this.deps.db);
      const settings = readSyncSettings(this.deps.db);
      if (chosen && !settings.paused) {
        this.bucket.setRate(settings.bandwidth);
        const credentials = () => this.deps.credentials.get(chosen.name);
        let opened: SyncTarget;
        try {
          opened = openTarget(chosen.spec, { verify: settings.verify, ...this.options.s3, credentials }, httpExceptions(this.deps.db), carrierSeal(this.deps.db, this.deps.blobs));
        } catch (err) {
          // A target the endpoint policy refuses is not tried; the next pass looks again (an exception may be recorded meanwhile).
          console.warn(`[sync] ${(err as Error).message}`);
          await this.sleep();
          continue;
        }
        this.running = true;
        const force = this.forceNext;
        this.forceNext = false;
        try {
          const report: SyncReport = await syncOnce(this.deps, {
            target: opened,
            signal: this.controller.signal,
            bucket: this.bucket,
            retryBaseMs: this.options.retryBaseMs,
            concurrency: this.options.concurrency,
            force,
          });
          if (this.options.onReport) this.options.onReport(report);
          else for (const e of report.errors) console.warn(`[sync] ${e.batchId ?? '-'} ${e.kind} ${e.code}: ${e.message}`);
        } catch (err) {
          if (!this.stopped) console.error('[sync] pass failed:', err);
        } finally {
          this.running = false;
          opened.close();
        }
      }
      await this.sleep();
    }
  }

  /** Until the next retry falls due, the poll interval passes, or someone kicks. */
  private sleep(): Promise<void> {
    if (this.stopped || this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    const poll = this.options.pollMs ?? 60_000;
    const due = readSyncSettings(this.deps.db).paused ? null : nextDueAt(this.deps.db);
    const untilDue = due === null ? poll : Date.parse(due) - Date.now();
    const wait = Math.max(1_000, Math.min(poll, untilDue));
    return new Promise((resolve) => {
      const timer = setTimeout(done, wait);
      timer.unref();
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        self.kicked = false;
        resolve();
      }
      this.wake = done;
    });
  }

  status(): SyncStatus {
    const { db } = this.deps;
    const target = defaultTarget(db);
    const settings = readSyncSettings(db);
    return {
      target: target && { name: target.name, uri: targetUri(target.spec) },
      paused: settings.paused,
      running: this.running || new SyncLease(db).held(),
      bandwidth: settings.bandwidth,
      transfers: listTransferStatus(db),
    };
  }

  pause(batchId?: string): SyncStatus {
    this.setPause(batchId, true);
    return this.status();
  }

  resume(batchId?: string): SyncStatus {
    this.setPause(batchId, false);
    this.kick();
    return this.status();
  }

  private setPause(batchId: string | undefined, paused: boolean): void {
    const { db, actor, emit } = this.deps;
    if (batchId === undefined) {
      writeSyncSettings(db, { paused });
      return;
    }
    if (!getTransfer(db, batchId)) throw new DeskError('not_found', `batch ${batchId} is not in the transfer queue`);
    if (setPaused(db, actor, batchId, paused)) emit({ type: 'batch.changed', batchId });
  }

  /**
   * A failed transfer goes back in the queue: to be packaged and checked again when the checks
   * or the centre refused it, else to sending the bag it has (only what is not yet verified goes).
   */
  retry(batchId: string): SyncStatus {
    const { db, actor, emit } = this.deps;
    const t = getTransfer(db, batchId);
    if (!t) throw new DeskError('not_found', `batch ${batchId} is not in the transfer queue`);
    if (t.state !== 'failed') throw new DeskError('conflict', `batch ${batchId} has not failed (${t.state})`);
    const repackage = t.error?.code === 'checks_failed' || t.error?.code === 'ack_rejected' || loadPlan(db, batchId) === null;
    if (repackage && getBatch(db, batchId)?.state !== 'closed') {
      throw new DeskError('conflict', '四性检测未通过，请修正后重新关闭批次 / 四性检测 failed: put the batch right and close it again');
    }
    db.transaction(() => moveTransfer(db, actor, batchId, repackage ? 'queued' : 'checked', { error: null, attempts: 0, nextAttemptAt: null }))();
    emit({ type: 'batch.changed', batchId });
    this.kick();
    return this.status();
  }
}
