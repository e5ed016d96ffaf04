import type { CoreEvent, SyncStatus, TransferState, TransferStatus } from '../../../shared/contract';

/** States in which a transfer is still on its way (and can be paused). */
const ON_ITS_WAY: ReadonlySet<TransferState> = new Set(['queued', 'packaging', 'checked', 'uploading', 'uploaded']);

export const canPause = (t: TransferStatus): boolean => ON_ITS_WAY.has(t.state) && !t.paused;
export const canResume = (t: TransferStatus): boolean => ON_ITS_WAY.has(t.state) && t.paused;
export const canRetry = (t: TransferStatus): boolean => t.state === 'failed';

/** Whole percent of the bytes verified at the target. */
export function percentDone(t: Pick<TransferStatus, 'bytesDone' | 'bytesTotal'>): number {
  if (t.bytesTotal <= 0) return 0;
  return Math.min(100, Math.floor((t.bytesDone / t.bytesTotal) * 100));
}

/** Fold a progress event into the status shown, so the bar moves between status reloads. */
export function applySyncEvent(status: SyncStatus | null, event: CoreEvent): SyncStatus | null {
  if (!status || event.type !== 'sync.progress') return status;
  return {
    ...status,
    transfers: status.transfers.map((t) =>
      t.batchId === event.batchId
        ? { ...t, state: event.state, filesDone: event.filesDone, filesTotal: event.filesTotal, bytesDone: event.bytesDone, bytesTotal: event.bytesTotal }
        : t,
    ),
  };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
