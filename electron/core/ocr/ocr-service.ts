import type { CoreEvent, OcrEngineName, OcrQueueStatus } from '../../../shared/contract';
import type { BlobStore } from '../files/blob-store';
import { insertResult, pagesForOcr, pagesOfKey, pageStates } from '../store/repo/ocr-results';
import type { Db } from '../store/open-database';
import type { OcrOptions } from './engine';
import { defaultEngine } from './ocr-engine-setting';
import type { OcrRunner } from './ocr-pool';
import { OcrProcessPool } from './ocr-process-pool';
import type { OcrHostLauncher } from './ocr-host-launcher';
import {
  cancelJobs,
  claimJob,
  enqueueOcr,
  failJob,
  finishJob,
  openJobCount,
  queueCounts,
  releaseJobs,
  renewLeases,
  runnerId,
  type ClaimedJob,
  type EnqueueOutcome,
} from './ocr-queue';

export interface OcrServiceDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly emit: (event: CoreEvent) => void;
  /** Who starts the OCR host process (the default pool's only); a child process when absent. */
  readonly ocrHost?: OcrHostLauncher;
}

export interface OcrRequest {
  readonly batchId?: string;
  readonly pageIds?: readonly string[];
  /** Read with this engine; without it, each page's scan profile's engine or the station's default. */
  readonly engine?: OcrEngineName;
  readonly priority?: number;
  /** Put failed and cancelled pages back in the queue. */
  readonly revive?: boolean;
}

const OPTIONS: OcrOptions = { deskew: true };
/** A claim lasts this long without renewal; a runner renews at a third of it. */
const LEASE_MS = 60_000;
/** How often a running service looks for pages imported by other processes. */
const POLL_MS = 3_000;

/**
 * Runs the OCR queue: claims jobs as workers free up, reads the page image in the pool, stores
 * the result and the job's end in one transaction, and reports progress. Created with every core
 * context and started only where OCR should run (the app, `hpf-desk ocr`); nothing runs before.
 */
export class OcrService {
  readonly owner = runnerId();
  private readonly inflight = new Map<string, { controller: AbortController; job: ClaimedJob }>();
  private readonly idleWaiters: Array<() => void> = [];
  private pageWaiters: Array<{ pageIds: readonly string[]; resolve: () => void }> = [];
  private timers: NodeJS.Timeout[] = [];
  private started: { auto: boolean; batchId?: string } | null = null;
  private poolInstance: OcrRunner | null = null;

  constructor(
    private readonly deps: OcrServiceDeps,
    private readonly makePool: () => OcrRunner = () => new OcrProcessPool(undefined, undefined, deps.ocrHost),
  ) {}

  get workers(): number {
    return this.pool.size.workers;
  }

  private get pool(): OcrRunner {
    this.poolInstance ??= this.makePool();
    return this.poolInstance;
  }

  /** Queue pages for OCR (a batch, some pages, or every page not asked for yet). */
  enqueue(request: OcrRequest = {}): EnqueueOutcome {
    const { db } = this.deps;
    const pages = pagesForOcr(db, {
      batchId: request.batchId,
      pageIds: request.pageIds,
      unrequestedOnly: request.batchId === undefined && request.pageIds === undefined,
    });
    if (pages.length === 0) {
      this.fill();
      return { requested: 0, queued: 0, alreadyRead: 0 };
    }
    // Asked for by name, else the one the page's scan profile chose, else the station's.
    const station = defaultEngine(db);
    const toRead = pages.map((p) => ({ ...p, engine: request.engine ?? p.captureEngine ?? station }));
    const outcome = enqueueOcr(db, toRead, OPTIONS, { priority: request.priority, revive: request.revive });
    for (const batchId of new Set(pages.map((p) => p.batchId))) this.deps.emit({ type: 'ocr.page', batchId, pageId: null });
    this.emitProgress();
    this.fill();
    return outcome;
  }

  /**
   * Start running jobs. `auto` also queues every page nobody asked OCR for yet (the app reads
   * each imported page in the background); `batchId` limits the runner to one batch's jobs.
   */
  start(options: { auto: boolean; batchId?: string } = { auto: true }): void {
    if (this.started) return;
    this.started = options;
    const poll = () => {
      if (this.started?.auto) this.enqueue();
      this.fill();
      // Jobs other processes run end without an event here.
      this.settlePageWaiters();
    };
    this.timers = [
      setInterval(poll, POLL_MS),
      setInterval(() => this.renew(), LEASE_MS / 3),
    ];
    for (const t of this.timers) t.unref();
    poll();
  }

  /** Resolves when this runner has nothing in flight and finds nothing left to claim. */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.fill();
    });
  }

  /** Resolves when each of the pages is read, has failed or was cancelled (here or elsewhere). */
  whenPagesSettled(pageIds: readonly string[]): Promise<void> {
    return new Promise((resolve) => {
      this.pageWaiters.push({ pageIds, resolve });
      this.settlePageWaiters();
    });
  }

  /**
   * Run until the runner's scope has no open job left, also waiting for jobs other processes
   * hold (their results count; a lease that runs out is claimed here).
   */
  async drain(): Promise<void> {
    await this.whenIdle();
    while (this.openJobs() > 0) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      await this.whenIdle();
    }
  }

  /** Jobs of the runner's scope still open anywhere (also those other processes hold). */
  openJobs(): number {
    return openJobCount(this.deps.db, this.started?.batchId);
  }

  cancel(batchId?: string): number {
    const cancelled = cancelJobs(this.deps.db, batchId);
    this.renew();
    this.emitProgress();
    if (batchId) this.deps.emit({ type: 'ocr.page', batchId, pageId: null });
    return cancelled;
  }

  status(): OcrQueueStatus {
    return { ...queueCounts(this.deps.db), workers: this.workers, defaultEngine: defaultEngine(this.deps.db) };
  }

  async close(): Promise<void> {
    this.started = null;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    // Forget the jobs in flight first, so their aborted runs record nothing; they go back to
    // the queue for the next start.
    const cut = [...this.inflight.values()];
    this.inflight.clear();
    for (const { controller } of cut) controller.abort();
    releaseJobs(this.deps.db, this.owner);
    await this.poolInstance?.close();
    this.wakeIdle();
    for (const w of this.pageWaiters.splice(0)) w.resolve();
  }

  private fill(): void {
    if (!this.started) return this.wakeIdle();
    let claimed = 0;
    while (this.inflight.size < this.workers) {
      const job = claimJob(this.deps.db, this.owner, LEASE_MS, this.started.batchId);
      if (!job) break;
      const controller = new AbortController();
      this.inflight.set(job.id, { controller, job });
      claimed++;
      void this.run(job, controller.signal);
    }
    if (claimed > 0) this.emitProgress();
    if (this.inflight.size === 0) this.wakeIdle();
  }

  private async run(job: ClaimedJob, signal: AbortSignal): Promise<void> {
    const { db, blobs } = this.deps;
    const { payload } = job;
    const outcome = await this.pool.run(
      { engine: payload.engine, image: await blobs.read(payload.imageSha256), dpi: payload.dpi, options: payload.options },
      signal,
    );
    if (!this.inflight.delete(job.id)) return; // closed meanwhile: released already
    if (outcome.ok) {
      db.transaction(() => {
        insertResult(db, {
          key: payload.key,
          imageSha256: payload.imageSha256,
          engine: payload.engine,
          model: outcome.model,
          settings: payload.settings,
          seconds: outcome.seconds,
          result: outcome.result,
        });
        finishJob(db, job.id);
      })();
    } else if (!outcome.cancelled) {
      // A crashed worker may be chance (memory, a native fault): tried again; an error is final.
      failJob(db, this.owner, job.id, outcome.error, /crashed/.test(outcome.error));
    }
    for (const page of pagesOfKey(db, payload.key)) this.deps.emit({ type: 'ocr.page', batchId: page.batchId, pageId: page.pageId });
    this.emitProgress();
    this.settlePageWaiters();
    this.fill();
  }

  private settlePageWaiters(): void {
    if (this.pageWaiters.length === 0) return;
    const open = new Set(['none', 'queued', 'running']);
    this.pageWaiters = this.pageWaiters.filter((w) => {
      const pending = pageStates(this.deps.db, { pageIds: w.pageIds }).some((p) => open.has(p.state));
      if (!pending) w.resolve();
      return pending;
    });
  }

  /**
   * Keep the claims alive, and stop work on jobs cancelled (here or by another process) or
   * taken over meanwhile.
   */
  private renew(): void {
    const lost = renewLeases(this.deps.db, this.owner, [...this.inflight.keys()], LEASE_MS);
    for (const id of lost) this.inflight.get(id)?.controller.abort();
  }

  private wakeIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private emitProgress(): void {
    const { queued, running, done, failed, cancelled } = queueCounts(this.deps.db);
    this.deps.emit({ type: 'ocr.progress', queued, running, done, failed, cancelled });
  }
}
