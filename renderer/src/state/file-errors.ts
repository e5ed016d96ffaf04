import type { ImportResult, Rejection } from '../../../shared/contract';
import type { ClientFileFailure } from '../api/desk-client';
import type { FileErrorCode } from '../i18n/error-text';

/** One file that did not make it into the batch, whatever the stage that refused it. */
export interface FileErrorItem {
  readonly key: string;
  readonly file: string;
  readonly code: FileErrorCode;
  readonly message: string;
}

/**
 * Errors shown for the open batch. `run` belongs to the latest import and is replaced as a whole
 * when its result arrives (both the call's answer and the `import.finished` event carry it, so
 * applying it twice must change nothing); `earlier` holds what was known before that run.
 */
export interface FileErrorLog {
  readonly run: readonly FileErrorItem[];
  readonly earlier: readonly FileErrorItem[];
}

export const EMPTY_ERROR_LOG: FileErrorLog = { run: [], earlier: [] };

export function fromRejections(rejections: readonly Rejection[]): FileErrorItem[] {
  return rejections.map((r) => ({ key: `r${r.id}`, file: r.file, code: r.error.code, message: r.error.message }));
}

export function fromRun(result: ImportResult | null, failures: readonly ClientFileFailure[]): FileErrorItem[] {
  const client = failures.map((f, i) => ({ key: `c${i}`, file: f.file, code: f.code, message: f.message }));
  const core = (result?.rejected ?? []).map((r, i) => ({
    key: `i${i}`,
    file: r.file,
    code: r.error.code,
    message: r.error.message,
  }));
  return [...client, ...core];
}

/** A new import begins: the previous run's errors become history (keys re-based to stay unique). */
export function startRun(log: FileErrorLog, runNumber: number): FileErrorLog {
  if (log.run.length === 0) return log;
  const moved = log.run.map((item) => ({ ...item, key: `${runNumber}-${item.key}` }));
  return { run: [], earlier: [...moved, ...log.earlier] };
}

export function allErrors(log: FileErrorLog): readonly FileErrorItem[] {
  return log.run.length === 0 ? log.earlier : [...log.run, ...log.earlier];
}
