import type { CoreEvent, ImportResult } from '../../../shared/contract';
import type { ClientFileFailure, ImportOutcome } from '../api/desk-client';
import { reportError, type ActionContext } from './action-context';
import { fromRun, startRun } from './file-errors';
import { finishedProgress, isActive, reduceImportProgress, uploadingProgress } from './import-progress';

/**
 * Importing files and following import events. Progress is kept per batch; the error list only
 * for the open batch. Imports started here are remembered until the core's `import.finished`
 * for them has come by: the call's own answer is the authority for those (it also knows about
 * upload failures the core never saw), whichever of the two arrives first.
 */
export interface ImportHooks {
  /** Called when an import of ours has answered, to show its pages without waiting for events. */
  readonly afterImport: (batchId: string) => void;
}

export function createImportActions(ctx: ActionContext, hooks: ImportHooks) {
  const { client, store } = ctx;
  const localRuns = new Map<string, 'running' | 'answered'>();
  let runNumber = 0;

  const setProgress = (batchId: string, next: ReturnType<typeof reduceImportProgress>) =>
    store.setState((s) => {
      if (next === s.progress[batchId]) return s;
      const progress = { ...s.progress };
      if (next) progress[batchId] = next;
      else delete progress[batchId];
      return { progress };
    });

  const beginRun = (batchId: string) => {
    if (store.getState().currentBatchId !== batchId) return;
    runNumber += 1;
    store.setState((s) => ({ fileErrors: startRun(s.fileErrors, runNumber) }));
  };

  /** Replace the open batch's current run with a result; idempotent, as it may arrive twice. */
  const applyResult = (batchId: string, result: ImportResult | null, failures: readonly ClientFileFailure[]) => {
    if (store.getState().currentBatchId !== batchId) return;
    store.setState((s) => ({ fileErrors: { run: fromRun(result, failures), earlier: s.fileErrors.earlier } }));
  };

  /** One import into the open batch, from files (picker, drop) or from paths (Electron menu). */
  async function runImport(start: (batchId: string) => Promise<ImportOutcome>): Promise<void> {
    const batchId = store.getState().currentBatchId;
    if (batchId === null || localRuns.get(batchId) === 'running') return;
    localRuns.set(batchId, 'running');
    beginRun(batchId);
    try {
      const outcome = await start(batchId);
      if (outcome.error !== undefined) reportError(ctx, outcome.error);
      applyResult(batchId, outcome.result, outcome.failures);
      // A failed call is reported in the notice bar; a summary of "0 imported" would mislead.
      setProgress(
        batchId,
        outcome.error === undefined
          ? finishedProgress(outcome.result ?? { imported: [], duplicates: [], rejected: [] }, outcome.failures.length)
          : undefined,
      );
      // Without a result the core never ran, so no finished event is coming to be skipped.
      if (outcome.result) localRuns.set(batchId, 'answered');
      else localRuns.delete(batchId);
      if (outcome.result) hooks.afterImport(batchId);
    } catch (err) {
      localRuns.delete(batchId);
      setProgress(batchId, undefined);
      reportError(ctx, err);
    }
  }

  function importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return Promise.resolve();
    return runImport((batchId) =>
      client.importFiles(batchId, files, (transfer) => {
        // Electron has nothing to upload; only show the upload phase when there is one.
        if (client.mode === 'browser') setProgress(batchId, uploadingProgress(transfer));
      }),
    );
  }

  function importPaths(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return Promise.resolve();
    return runImport(async (batchId) => ({
      result: await client.call('import.paths', { batchId, paths: [...paths] }),
      failures: [],
    }));
  }

  /** Fold an import event into progress and, for the open batch, the error list. */
  function handleImportEvent(event: Extract<CoreEvent, { type: `import.${string}` | 'batch.changed' }>): void {
    if (event.type === 'batch.changed') return;
    const { batchId } = event;
    const local = localRuns.get(batchId);
    if (event.type === 'import.finished' && local) {
      if (local === 'answered') localRuns.delete(batchId);
      return;
    }
    if (event.type === 'import.started' && local !== 'running') {
      // Someone else (another window) started an import into this batch.
      localRuns.delete(batchId);
      beginRun(batchId);
    }
    if (event.type === 'import.finished') applyResult(batchId, event.result, []);
    setProgress(batchId, reduceImportProgress(store.getState().progress[batchId], event));
  }

  function dismissProgress(batchId: string): void {
    if (!isActive(store.getState().progress[batchId])) setProgress(batchId, undefined);
  }

  return { importFiles, importPaths, handleImportEvent, dismissProgress };
}

export type ImportActions = ReturnType<typeof createImportActions>;
