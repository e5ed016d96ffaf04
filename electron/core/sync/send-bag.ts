import type { BlobStore } from '../files/blob-store';
import type { BagFile, BagPlan } from '../transfer/bag-layout';
import { COMMIT_MARKER } from '../transfer/bag-text';
import type { UploadLedger, UploadState } from '../transfer/upload-ledger';
import { mapLimit } from '../util/map-limit';
import type { LocalContent, SyncTarget, TransferIo } from './sync-target';
import { transient } from './transfer-errors';

/** Sends of one file before an altered read-back is reported rather than tried again. */
const SENDS_PER_FILE = 3;
/** Files marked `sending` ahead, and verified files recorded, per ledger transaction. */
const LEDGER_BATCH = 64;
const FLUSH_MS = 500;

export interface SendProgress {
  /** A file was verified on the target (or found there already, verified). */
  readonly onVerified: (file: BagFile) => void;
  /** Called before each file starts: the place to stop (abort the signal) between files. */
  readonly beforeFile?: () => void;
}

type Known = { readonly state: UploadState; readonly uploadId: string | null };

/**
 * The ledger as the sender writes it: files are marked `sending` a window ahead and recorded
 * `verified` in small groups, because every commit waits for the disk. What a crash loses from
 * the groups is only knowledge, never correctness: such files are read back before anything is
 * sent again.
 */
class LedgerWriter {
  private readonly marked = new Set<string>();
  private verified: string[] = [];
  private lastFlush = performance.now();

  constructor(
    private readonly ledger: UploadLedger,
    private readonly known: ReadonlyMap<string, Known>,
  ) {}

  /** Make sure `file` and the next few unmarked ones after it are marked `sending`. */
  willSend(files: readonly BagFile[], index: number): void {
    if (this.known.has(files[index]!.path) || this.marked.has(files[index]!.path)) return;
    const window = files.slice(index).filter((f) => !this.known.has(f.path) && !this.marked.has(f.path)).slice(0, LEDGER_BATCH).map((f) => f.path);
    this.ledger.markSending(window);
    window.forEach((p) => this.marked.add(p));
  }

  didVerify(path: string): void {
    this.verified.push(path);
    if (this.verified.length >= LEDGER_BATCH || performance.now() - this.lastFlush > FLUSH_MS) this.flush();
  }

  flush(): void {
    if (this.verified.length > 0) this.ledger.markVerified(this.verified);
    this.verified = [];
    this.lastFlush = performance.now();
  }
}

/**
 * Bring one file to the target, exactly once where the ledger can tell: a verified file is
 * skipped; a file that may have landed (marked `sending` by a run that died) is read back first
 * and only sent again when missing or altered; every send is read back before it counts.
 * True when the file was verified now (false: it already was).
 */
async function sendFile(target: SyncTarget, blobs: BlobStore, batchId: string, file: BagFile, io: TransferIo, known: Known | undefined): Promise<boolean> {
  if (known?.state === 'verified') return false;
  // Even a multipart upload may have been completed by a run killed just after: look first.
  const source: LocalContent = { stream: () => blobs.stream(file.sha256), range: (start, length) => blobs.range(file.sha256, start, length) };
  if (known?.state === 'sending' && (await target.check(batchId, file, source, io)) === 'ok') return true;
  for (let send = 1; ; send++) {
    const found = (await target.put(batchId, file, source, io)) === 'ok' ? 'ok' : await target.check(batchId, file, source, io);
    if (found === 'ok') return true;
    // Altered on the way or on the server: a multipart upload must start over, not resume.
    io.ledger.setUploadId(file.path, null);
    if (send >= SENDS_PER_FILE) throw transient('verify_mismatch', `${file.path}: read back ${found} after ${send} sends`);
  }
}

/**
 * The transfer protocol for one bag: every payload file, then the tag files, then the commit
 * marker, each verified by reading it back; then the target makes the bag visible. A bag whose
 * marker is on the target is complete, because the marker goes only after all else verified.
 */
export async function sendBag(
  target: SyncTarget,
  blobs: BlobStore,
  plan: BagPlan,
  io: TransferIo,
  concurrency: number,
  progress: SendProgress,
): Promise<void> {
  const known = io.ledger.states();
  const writer = new LedgerWriter(io.ledger, known);
  const phase = async (files: readonly BagFile[], limit: number) => {
    await mapLimit(files, limit, async (file, i) => {
      progress.beforeFile?.();
      io.signal.throwIfAborted();
      writer.willSend(files, i);
      if (await sendFile(target, blobs, plan.batchId, file, io, known.get(file.path))) {
        writer.didVerify(file.path);
        progress.onVerified(file);
      }
    });
    writer.flush();
  };
  const marker = plan.files.find((f) => f.path === COMMIT_MARKER);
  if (!marker) throw new Error(`bag of ${plan.batchId} has no commit marker`);
  try {
    await phase(plan.files.filter((f) => f.role !== 'tag'), concurrency);
    await phase(plan.files.filter((f) => f.role === 'tag' && f !== marker), concurrency);
    await phase([marker], 1);
  } finally {
    // What was verified before a failure or a pause stays known.
    writer.flush();
  }
  await target.commit(plan.batchId);
}
