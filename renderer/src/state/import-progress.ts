import type { CoreEvent } from '../../../shared/contract';
import type { TransferProgress } from '../api/desk-client';

/** Import progress of one batch, built from the core's events (and the upload before them). */
export interface ImportProgress {
  readonly phase: 'uploading' | 'importing' | 'finished';
  readonly done: number;
  readonly total: number;
  readonly currentFile: string | null;
  readonly imported: number;
  readonly duplicates: number;
  readonly rejected: number;
}

const ZERO_COUNTS = { imported: 0, duplicates: 0, rejected: 0 } as const;

export function uploadingProgress(transfer: TransferProgress): ImportProgress {
  return { phase: 'uploading', done: transfer.done, total: transfer.total, currentFile: transfer.file, ...ZERO_COUNTS };
}

/** Fold one core event into the progress of its batch; events of other kinds leave it as is. */
export function reduceImportProgress(state: ImportProgress | undefined, event: CoreEvent): ImportProgress | undefined {
  switch (event.type) {
    case 'import.started':
      return { phase: 'importing', done: 0, total: event.total, currentFile: null, ...ZERO_COUNTS };
    case 'import.progress': {
      const base = state?.phase === 'importing' ? state : { ...ZERO_COUNTS };
      return {
        phase: 'importing',
        // Events from parallel workers can arrive slightly out of order; never go backwards.
        done: Math.max(event.done, state?.phase === 'importing' ? state.done : 0),
        total: event.total,
        currentFile: event.file,
        imported: base.imported + (event.outcome === 'imported' ? 1 : 0),
        duplicates: base.duplicates + (event.outcome === 'duplicate' ? 1 : 0),
        rejected: base.rejected + (event.outcome === 'rejected' ? 1 : 0),
      };
    }
    case 'import.finished':
      return finishedProgress(event.result);
    case 'batch.changed':
      return state;
  }
}

/** Final summary of an import; `clientFailures` counts files that never reached the core. */
export function finishedProgress(
  result: {
    readonly imported: readonly unknown[];
    readonly duplicates: readonly unknown[];
    readonly rejected: readonly unknown[];
  },
  clientFailures = 0,
): ImportProgress {
  const rejected = result.rejected.length + clientFailures;
  const total = result.imported.length + result.duplicates.length + rejected;
  return {
    phase: 'finished',
    done: total,
    total,
    currentFile: null,
    imported: result.imported.length,
    duplicates: result.duplicates.length,
    rejected,
  };
}

export function isActive(progress: ImportProgress | undefined): boolean {
  return progress !== undefined && progress.phase !== 'finished';
}
