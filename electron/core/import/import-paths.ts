import path from 'node:path';
import type { CoreEvent, FileError, ImportResult } from '../../../shared/contract';
import type { MediaPool } from '../media/media-pool';
import type { ProcessedFile } from '../media/types';
import type { Db } from '../store/open-database';
import type { BlobStore } from '../files/blob-store';
import { commitReclaiming } from '../store/repo/purged-objects';
import { commitImportedFile, findInBatch, recordRejection } from '../store/repo/source-files';
import { walkInputs, type WalkOptions } from './walk-inputs';

export interface ImportDeps {
  readonly db: Db;
  readonly pool: MediaPool;
  readonly blobs: BlobStore;
  readonly actor: string;
  readonly emit: (event: CoreEvent) => void;
}

type Prepared =
  | { kind: 'processed'; file: string; processed: ProcessedFile }
  | { kind: 'duplicate'; file: string; sha256: string; existing: string }
  | { kind: 'rejected'; file: string; error: FileError };

/**
 * Import files and folders into a batch. Files are decoded in parallel by the media pool but
 * committed one by one in input order, so pages keep the order of the files, and each commit is
 * one transaction: an import killed at any point leaves whole files only, and running it again
 * skips what is already in the batch (reported as duplicates) and completes the rest.
 * In-process callers (the CLI, catalogue linking) walk folders; the API passes what its caller may.
 */
export async function importPaths(
  deps: ImportDeps,
  batchId: string,
  inputs: readonly string[],
  options: Partial<WalkOptions> & { readonly signal?: AbortSignal } = {},
): Promise<ImportResult> {
  const { db, pool, emit } = deps;
  const { signal } = options;
  const result: ImportResult = { batch: batchId, imported: [], duplicates: [], rejected: [] };
  const walked = await walkInputs(inputs, { folders: options.folders ?? true, limits: options.limits });
  const total = walked.files.length + walked.errors.length;
  let done = 0;
  emit({ type: 'import.started', batchId, total });

  const reject = (file: string, error: FileError) => {
    recordRejection(db, deps.actor, batchId, file, error);
    result.rejected.push({ file, error });
    emit({ type: 'import.progress', batchId, file, done: ++done, total, outcome: 'rejected', error });
  };
  for (const { file, error } of walked.errors) reject(file, error);

  const prepare = async (file: string): Promise<Prepared> => {
    const hashed = await pool.run({ kind: 'hash', path: file });
    if (!hashed.ok) return { kind: 'rejected', file, error: hashed.error };
    if (hashed.kind !== 'hash') throw new Error('unexpected media result');
    const existing = findInBatch(db, batchId, hashed.sha256);
    if (existing) return { kind: 'duplicate', file, sha256: hashed.sha256, existing: existing.id };
    const processed = await processFile(file);
    return 'code' in processed ? { kind: 'rejected', file, error: processed } : { kind: 'processed', file, processed };
  };
  const processFile = async (file: string): Promise<ProcessedFile | FileError> => {
    const processed = await pool.run({ kind: 'process', path: file, store: deps.blobs.ref() });
    if (!processed.ok) return processed.error;
    if (processed.kind !== 'process') throw new Error('unexpected media result');
    return processed.file;
  };
  /** A purge pass may remove content this file shares after the worker found it; it is written again. */
  const commit = (file: string, processed: ProcessedFile) =>
    commitReclaiming(
      db,
      processed,
      (f) => commitImportedFile(db, deps.actor, { batchId, name: displayName(file), originalPath: file, file: f }, (sha256) => deps.blobs.pathOf(sha256)),
      async () => {
        const again = await processFile(file);
        if ('code' in again) throw new Error(again.message);
        return again;
      },
    );

  // A window of files in flight ahead of the commit point keeps every worker busy while
  // bounding the processed-but-uncommitted work a crash would throw away.
  const window = Math.max(2, pool.size * 2);
  const inflight: Array<Promise<Prepared>> = [];
  let started = 0;
  const startNext = () => {
    const file = walked.files[started++];
    if (file !== undefined) inflight.push(prepare(file));
  };
  for (let i = 0; i < window; i++) startNext();

  for (let i = 0; i < walked.files.length; i++) {
    const prepared = await inflight[i]!;
    if (!signal?.aborted) startNext();
    switch (prepared.kind) {
      case 'rejected':
        reject(prepared.file, prepared.error);
        break;
      case 'duplicate':
        noteDuplicate(prepared.file, prepared.sha256, prepared.existing);
        break;
      case 'processed': {
        const { processed, file } = prepared;
        const outcome = await commit(file, processed);
        if (outcome.kind === 'duplicate') {
          noteDuplicate(file, processed.sha256, outcome.existing);
        } else {
          result.imported.push({ file, sha256: processed.sha256, pages: outcome.pages, documentId: outcome.documentId });
          emit({ type: 'import.progress', batchId, file, done: ++done, total, outcome: 'imported', pages: outcome.pages });
        }
        break;
      }
    }
    if (signal?.aborted && i + 1 >= started) break;
  }
  emit({ type: 'import.finished', batchId, result });
  emit({ type: 'batch.changed', batchId });
  return result;

  function noteDuplicate(file: string, sha256: string, existing: string) {
    result.duplicates.push({ file, sha256, existing });
    emit({ type: 'import.progress', batchId, file, done: ++done, total, outcome: 'duplicate' });
  }
}

/** The name a clerk recognizes (also for browser uploads, kept as `<incoming>/<id>/<name>`). */
const displayName = (file: string): string => path.basename(file);
