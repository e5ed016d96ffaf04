import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileError, ScanError, ScanResult, ScanSettings } from '../../../shared/contract';
import type { PipelineOptions } from '../imaging/page-pipeline';
import type { ImportDeps } from '../import/import-paths';
import type { ProcessedFile } from '../media/types';
import { commitCapturedFile, createSession, finishSession, nextCaptureSeq, resumeSession } from '../store/repo/scan-sessions';
import { recordRejection } from '../store/repo/source-files';
import { getStation } from '../store/repo/station';
import { withCaptureRecord } from './capture-record';
import { createDriver, parseDeviceUri, type DriverOptions } from './device-factory';
import { ScanFault, type CapturedPage, type ScanDriver } from './scan-driver';

/** A new session with its settings, or the continuation of one (after a jam, an empty feeder, a cancel). */
export type ScanRequest = {
  readonly batchId: string;
  /** Called with the session id as soon as it exists, before the first page. */
  readonly onSession?: (id: string) => void;
} & ({ readonly settings: ScanSettings } | { readonly continueSession: string });

export interface ScanDeps extends ImportDeps {
  /** The driver and device name for a device URI: the factory's choice unless given (camera frames, tuned tests). */
  readonly resolveDriver?: (uri: string) => { readonly driver: ScanDriver; readonly device: string };
}

/** The factory's choice for a device URI. */
export function factoryDriver(options: DriverOptions = {}) {
  return (uri: string): { driver: ScanDriver; device: string } => {
    const { kind, device } = parseDeviceUri(uri);
    return { driver: createDriver(kind, options), device };
  };
}

type Prepared =
  | { readonly kind: 'processed'; readonly page: CapturedPage; readonly seq: number; readonly name: string; readonly file: ProcessedFile }
  | { readonly kind: 'rejected'; readonly page: CapturedPage; readonly name: string; readonly error: FileError };

/** The stored colour mode per profile becomes the pipeline's colour choice. */
export const pipelineFor = (settings: ScanSettings): PipelineOptions => ({
  ...settings.post,
  colour: settings.mode === 'color' ? 'keep' : settings.mode,
});

/**
 * One scan run into a batch. Pages stream from the driver into the media workers at once (the
 * feeder never waits for image processing) and are committed in arrival order, each in its own
 * transaction, as soon as it is processed, so the thumbnail grid fills while the feeder runs.
 * Whatever ends the run (last page, jam, empty feeder, a vanished device, cancel), every page
 * that arrived is committed before the session is closed with that outcome; continuing the
 * session numbers on from the last committed capture, so nothing is stored twice.
 */
export async function runScan(deps: ScanDeps, request: ScanRequest, signal: AbortSignal): Promise<ScanResult> {
  const { db, pool, emit, actor } = deps;
  const { batchId } = request;
  pool.warm();
  let settings: ScanSettings;
  let sessionId: string;
  if ('continueSession' in request) {
    const resumed = resumeSession(db, actor, request.continueSession, batchId);
    if (resumed.kind === 'refused') {
      throw new ScanFault(
        resumed.reason === 'running' ? 'device_busy' : 'device_error',
        resumed.reason === 'running'
          ? `扫描任务仍在进行 / scan session ${request.continueSession} is still running`
          : `没有这个扫描任务 / no scan session ${request.continueSession} in this batch`,
      );
    }
    settings = resumed.settings;
    sessionId = request.continueSession;
  } else {
    settings = request.settings;
    sessionId = createSession(db, actor, batchId, settings);
  }
  request.onSession?.(sessionId);
  const result: ScanResult = { batch: batchId, session: sessionId, state: 'scanning', error: null, imported: [], duplicates: [], rejected: [] };
  emit({ type: 'scan.started', batchId, session: sessionId, device: settings.device });

  const { blobs } = deps;
  await blobs.ensureDirs();
  const workDir = path.join(blobs.tmpDir, `scan-${sessionId}-${Date.now()}`);
  await mkdir(workDir, { recursive: true });
  const station = getStation(db);
  const pipeline = pipelineFor(settings);
  let seq = nextCaptureSeq(db, sessionId);
  let pages = 0;
  let commits: Promise<void> = Promise.resolve();

  const note = (outcome: 'imported' | 'duplicate' | 'rejected', file: string, error?: FileError) => {
    emit({ type: 'scan.page', batchId, session: sessionId, outcome, file, pages, ...(error ? { error } : {}) });
    emit({ type: 'batch.changed', batchId });
  };

  const prepare = async (page: CapturedPage, n: number): Promise<Prepared> => {
    const name = page.origin === 'device' ? `扫描 ${sessionId} 第${String(n).padStart(4, '0')}张${path.extname(page.path)}` : path.basename(page.path);
    try {
      return await processPage(page, n, name);
    } catch (err) {
      // A page that cannot even be read back is refused like a corrupt file; the run goes on.
      return { kind: 'rejected', page, name, error: { code: 'io_error', message: err instanceof Error ? err.message : String(err) } };
    }
  };

  const processPage = async (page: CapturedPage, n: number, name: string): Promise<Prepared> => {
    let input = page.path;
    if (page.origin === 'device') {
      input = path.join(workDir, `capture-${n}${path.extname(page.path)}`);
      const record = {
        device: settings.device,
        session: sessionId,
        seq: n,
        sheet: page.sheet,
        side: page.side,
        dpi: page.dpi,
        mode: settings.mode,
        station: station.name,
        operator: actor,
        capturedAt: new Date().toISOString(),
      };
      await writeFile(input, withCaptureRecord(await readFile(page.path), record));
      await rm(page.path, { force: true });
    }
    const processed = await pool.run({ kind: 'process', path: input, store: blobs.ref(), pipeline });
    if (!processed.ok) return { kind: 'rejected', page, name, error: processed.error };
    if (processed.kind !== 'process') throw new Error('unexpected media result');
    return { kind: 'processed', page, seq: n, name, file: processed.file };
  };

  const commit = async (prepared: Prepared): Promise<void> => {
    const { page } = prepared;
    if (prepared.kind === 'rejected') {
      recordRejection(db, actor, batchId, prepared.name, prepared.error);
      result.rejected.push({ file: prepared.name, error: prepared.error });
      note('rejected', prepared.name, prepared.error);
      await page.settle?.('rejected');
      return;
    }
    const outcome = commitCapturedFile(db, actor, {
      batchId,
      sessionId,
      seq: prepared.seq,
      sheet: page.sheet,
      side: page.side,
      name: prepared.name,
      originalPath: page.origin === 'device' ? `${settings.device}#${sessionId}/${prepared.seq}` : page.path,
      file: prepared.file,
    }, (sha256) => blobs.pathOf(sha256));
    if (outcome.kind === 'imported') {
      pages += outcome.pages;
      result.imported.push({ file: prepared.name, sha256: prepared.file.sha256, pages: outcome.pages, documentId: outcome.documentId });
      note('imported', prepared.name);
    } else {
      result.duplicates.push({ file: prepared.name, sha256: prepared.file.sha256, existing: outcome.existing });
      note('duplicate', prepared.name);
    }
    await page.settle?.('stored');
  };

  let error: ScanError | null = null;
  try {
    const { driver, device } = (deps.resolveDriver ?? factoryDriver())(settings.device);
    for await (const page of driver.scan(device, { source: settings.source, dpi: settings.dpi, mode: 'color', workDir }, signal)) {
      const prepared = prepare(page, seq++);
      // Commits stay in arrival order; each waits only for its own page and the one before.
      commits = commits.then(async () => commit(await prepared));
    }
  } catch (err) {
    error = err instanceof ScanFault ? { code: err.code, message: err.message } : { code: 'device_error', message: err instanceof Error ? err.message : String(err) };
    if (!(err instanceof ScanFault)) console.error('[scan] unexpected failure:', err);
  }
  try {
    await commits;
  } catch (err) {
    error ??= { code: 'device_error', message: `页面保存失败 / storing a page failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  const state = error === null ? 'done' : error.code === 'cancelled' ? 'cancelled' : 'failed';
  finishSession(db, actor, sessionId, state, error);
  result.state = state;
  result.error = error;
  emit({ type: 'scan.finished', batchId, session: sessionId, state, pages, error });
  emit({ type: 'batch.changed', batchId });
  return result;
}
