/**
 * A worker as the pool drives it: a worker thread (node:worker_threads' Worker is one as it is)
 * or a process behind an adapter (media-pool.ts).
 */
export interface PoolWorker {
  /**
   * 'message' (a reply), 'error' (an Error), 'exit' (a code or signal). The listener's arguments
   * are typed where it is registered: EventEmitter and Worker declare them as any.
   */
  on(event: 'message' | 'error' | 'exit', listener: (...args: any[]) => void): unknown;
  postMessage(message: unknown): void;
  terminate(): Promise<unknown>;
  ref(): void;
  unref(): void;
}

/** What one kind of worker speaks; each pool (media, OCR) declares its own. */
export interface WorkerKind<Task, Result, Reply> {
  /** Starts one worker. */
  start(): PoolWorker;
  /** The message that hands a task to a worker. */
  request(id: number, task: Task): unknown;
  /** Which task a worker's message answers, and with what. */
  answer(reply: Reply): { readonly id: number; readonly result: Result };
  /** What a task gets when its worker dies under it (a native fault, a terminate). */
  crashed(reason: string): Result;
  /** How a task is cancelled: a queued one gets `result`, a running one's worker gets `request(id)`. */
  readonly cancel?: { readonly result: Result; request(id: number): unknown };
  /**
   * How a task that takes too long is told apart and ended (with `taskTimeoutMs`): a worker may
   * send heartbeats between the steps of a long task, each of which gives it `taskTimeoutMs`
   * again; a task silent that long gets `timedOut` and its worker is terminated (a decoder in an
   * endless loop cannot be asked to stop) and replaced.
   */
  readonly watchdog?: { isHeartbeat(reply: Reply): boolean; timedOut(ms: number): Result };
}

export interface WorkerPoolOptions {
  /** Workers at the most. */
  readonly size: number;
  /** Started with the pool and replaced when one dies; the rest start when tasks wait. */
  readonly keep: number;
  /** Workers without a task are stopped after this long (Infinity: never). */
  readonly idleMs: number;
  /** A running task silent this long is ended (see `WorkerKind.watchdog`); default: never. */
  readonly taskTimeoutMs?: number;
}

interface Pending<Task, Result> {
  readonly id: number;
  readonly task: Task;
  readonly resolve: (result: Result) => void;
}

interface Slot<Task, Result> {
  readonly worker: PoolWorker;
  current?: Pending<Task, Result>;
  dead?: boolean;
  watchdog?: NodeJS.Timeout;
}

/**
 * The bookkeeping every pool of worker threads needs: one task per worker at a time, a queue
 * for the rest, a worker that dies fails only its own task and another starts in its place.
 */
export class WorkerPool<Task, Result, Reply> {
  private slots: Slot<Task, Result>[] = [];
  private readonly queue: Pending<Task, Result>[] = [];
  private nextId = 1;
  private closedFlag = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kind: WorkerKind<Task, Result, Reply>,
    private readonly options: WorkerPoolOptions,
  ) {
    for (let i = 0; i < options.keep; i++) this.slots.push(this.spawn());
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  run(task: Task, signal?: AbortSignal): Promise<Result> {
    return new Promise((resolve) => {
      const pending: Pending<Task, Result> = { id: this.nextId++, task, resolve };
      if (signal) signal.addEventListener('abort', () => this.cancel(pending), { once: true });
      this.queue.push(pending);
      this.pump();
    });
  }

  /** Start every worker now, ahead of the tasks a caller knows are coming. */
  warm(): void {
    while (!this.closedFlag && this.slots.length < this.options.size) this.slots.push(this.spawn());
  }

  /** Answers every task still waiting for a worker with `result`. */
  settleQueued(result: Result): void {
    for (const pending of this.queue.splice(0)) pending.resolve(result);
  }

  async close(): Promise<void> {
    this.closedFlag = true;
    clearTimeout(this.idleTimer);
    const slots = this.slots;
    this.slots = [];
    for (const s of slots) clearTimeout(s.watchdog);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private cancel(pending: Pending<Task, Result>): void {
    const cancel = this.kind.cancel;
    if (!cancel) return;
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.resolve(cancel.result);
      return;
    }
    const slot = this.slots.find((s) => s.current === pending);
    slot?.worker.postMessage(cancel.request(pending.id));
  }

  private spawn(): Slot<Task, Result> {
    const slot: Slot<Task, Result> = { worker: this.kind.start() };
    slot.worker.on('message', (reply: Reply) => {
      if (this.kind.watchdog?.isHeartbeat(reply)) {
        if (slot.current) this.arm(slot);
        return;
      }
      const current = slot.current;
      const { id, result } = this.kind.answer(reply);
      if (!current || current.id !== id) return;
      clearTimeout(slot.watchdog);
      slot.current = undefined;
      current.resolve(result);
      this.pump();
    });
    slot.worker.on('error', (err: Error) => this.retire(slot, this.kind.crashed(err.message)));
    slot.worker.on('exit', (code: number | string) => this.retire(slot, this.kind.crashed(`exited with code ${code}`)));
    slot.worker.unref();
    return slot;
  }

  /** Takes a worker out of the pool (it died or overran), answers its task with `result`, replaces it. */
  private retire(slot: Slot<Task, Result>, result: Result): void {
    if (slot.dead) return;
    slot.dead = true;
    clearTimeout(slot.watchdog);
    const current = slot.current;
    slot.current = undefined;
    this.slots = this.slots.filter((s) => s !== slot);
    current?.resolve(result);
    if (this.closedFlag) return;
    if (this.slots.length < this.options.keep) this.slots.push(this.spawn());
    this.pump();
  }

  /** (Re)starts the running task's time limit. */
  private arm(slot: Slot<Task, Result>): void {
    const ms = this.options.taskTimeoutMs;
    const watchdog = this.kind.watchdog;
    clearTimeout(slot.watchdog);
    if (!watchdog || ms === undefined || !Number.isFinite(ms)) return;
    slot.watchdog = setTimeout(() => {
      this.retire(slot, watchdog.timedOut(ms));
      void slot.worker.terminate();
    }, ms);
  }

  private pump(): void {
    clearTimeout(this.idleTimer);
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.current && !s.dead);
      if (!slot && this.slots.length < this.options.size) {
        slot = this.spawn();
        this.slots.push(slot);
      }
      if (!slot) break;
      const next = this.queue.shift()!;
      slot.current = next;
      this.arm(slot);
      slot.worker.postMessage(this.kind.request(next.id, next.task));
    }
    // A busy worker keeps the process alive; an idle one does not.
    for (const s of this.slots) {
      if (s.current) s.worker.ref();
      else s.worker.unref();
    }
    if (Number.isFinite(this.options.idleMs) && this.slots.length > this.options.keep && this.slots.every((s) => !s.current)) {
      this.idleTimer = setTimeout(() => void this.stopIdle(), this.options.idleMs);
      this.idleTimer.unref();
    }
  }

  private async stopIdle(): Promise<void> {
    const idle = this.slots.filter((s) => !s.current).slice(this.options.keep);
    this.slots = this.slots.filter((s) => !idle.includes(s));
    await Promise.all(idle.map((s) => { s.dead = true; return s.worker.terminate(); }));
  }
}
