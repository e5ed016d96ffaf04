import { describe, expect, it } from 'vitest';
import type { CoreEvent, ImportResult, MethodName, RequestOf, ResponseOf } from '../../shared/contract';
import type { DeskClient, ImportOutcome } from '../../renderer/src/api/desk-client';
import { createDeskStore } from '../../renderer/src/state/desk-store';
import { allErrors, fromRejections, startRun } from '../../renderer/src/state/file-errors';
import { createImportActions } from '../../renderer/src/state/import-actions';
import { finishedProgress, reduceImportProgress } from '../../renderer/src/state/import-progress';

const sha = 'a'.repeat(64);
const result: ImportResult = {
  batch: 'b1',
  imported: [{ file: 'ok.jpg', sha256: sha, pages: 1, documentId: 'd1' }],
  duplicates: [],
  rejected: [{ file: '/up/x/locked.pdf', error: { code: 'pdf_encrypted', message: 'password required' } }],
};

describe('reduceImportProgress', () => {
  it('follows started → progress → finished', () => {
    let p = reduceImportProgress(undefined, { type: 'import.started', batchId: 'b1', total: 3 });
    expect(p).toMatchObject({ phase: 'importing', done: 0, total: 3 });
    p = reduceImportProgress(p, { type: 'import.progress', batchId: 'b1', file: 'a.jpg', done: 1, total: 3, outcome: 'imported', pages: 1 });
    p = reduceImportProgress(p, {
      type: 'import.progress',
      batchId: 'b1',
      file: 'b.pdf',
      done: 2,
      total: 3,
      outcome: 'rejected',
      error: { code: 'pdf_corrupt', message: 'bad xref' },
    });
    expect(p).toMatchObject({ done: 2, currentFile: 'b.pdf', imported: 1, rejected: 1 });
    // an out-of-order event does not move the bar backwards
    p = reduceImportProgress(p, { type: 'import.progress', batchId: 'b1', file: 'c.png', done: 1, total: 3, outcome: 'duplicate' });
    expect(p).toMatchObject({ done: 2, duplicates: 1 });
    p = reduceImportProgress(p, { type: 'import.finished', batchId: 'b1', result });
    expect(p).toEqual(finishedProgress(result));
  });

  it('leaves progress alone on batch.changed', () => {
    const p = finishedProgress(result);
    expect(reduceImportProgress(p, { type: 'batch.changed', batchId: 'b1' })).toBe(p);
  });
});

describe('file error log', () => {
  it('moves the previous run to history when a new run starts', () => {
    const earlier = fromRejections([{ id: 7, batchId: 'b1', file: 'old.tif', error: { code: 'truncated', message: '' }, at: '' }]);
    const log = startRun({ run: [{ key: 'i0', file: 'x', code: 'io_error', message: 'EIO' }], earlier }, 1);
    expect(log.run).toEqual([]);
    expect(allErrors(log).map((e) => e.file)).toEqual(['x', 'old.tif']);
    expect(new Set(allErrors(log).map((e) => e.key)).size).toBe(2);
  });
});

/** A client whose import answers when the test says so, recording the events it would push. */
function fakeClient(outcome: ImportOutcome) {
  let answer: (value: ImportOutcome) => void = () => undefined;
  const client: DeskClient = {
    mode: 'browser',
    call: <K extends MethodName>(method: K, _request: RequestOf<K>): Promise<ResponseOf<K>> =>
      Promise.reject(new Error(`unexpected call ${method}`)),
    onEvent: () => undefined,
    onConnection: () => undefined,
    onCommand: () => undefined,
    blobUrl: (s) => `/blob/${s}`,
    importFiles: (_batchId, files, onTransfer) => {
      onTransfer?.({ done: files.length, total: files.length, file: null });
      return new Promise((resolve) => (answer = resolve));
    },
  };
  return { client, answer: () => answer(outcome) };
}

function setup(outcome: ImportOutcome) {
  const store = createDeskStore('zh-CN');
  store.setState({ currentBatchId: 'b1' });
  const fake = fakeClient(outcome);
  const reloaded: string[] = [];
  const actions = createImportActions(
    { client: fake.client, store, persistLanguage: () => undefined },
    { afterImport: (batchId) => reloaded.push(batchId) },
  );
  return { store, actions, answer: fake.answer, reloaded };
}

const files = [new File(['x'], 'ok.jpg'), new File(['y'], 'locked.pdf'), new File([''], 'lost.png')];
const failures = [{ file: 'lost.png', code: 'upload_failed' as const, message: 'HTTP 500' }];
const finished: CoreEvent = { type: 'import.finished', batchId: 'b1', result };

describe('import actions', () => {
  it('lists core rejections and upload failures once, whether the event comes before the answer', async () => {
    const { store, actions, answer } = setup({ result, failures });
    const running = actions.importFiles(files);
    expect(store.getState().progress.b1?.phase).toBe('uploading');
    actions.handleImportEvent({ type: 'import.started', batchId: 'b1', total: 2 });
    actions.handleImportEvent(finished);
    answer();
    await running;
    const errors = allErrors(store.getState().fileErrors);
    expect(errors.map((e) => [e.file, e.code])).toEqual([
      ['lost.png', 'upload_failed'],
      ['/up/x/locked.pdf', 'pdf_encrypted'],
    ]);
    expect(store.getState().progress.b1).toMatchObject({ phase: 'finished', imported: 1, rejected: 2 });
  });

  it('asks for fresh pages once its own import has answered', async () => {
    const { actions, answer, reloaded } = setup({ result, failures: [] });
    const running = actions.importFiles(files);
    expect(reloaded).toEqual([]);
    answer();
    await running;
    expect(reloaded).toEqual(['b1']);
  });

  it('… or after it', async () => {
    const { store, actions, answer } = setup({ result, failures });
    const running = actions.importFiles(files);
    actions.handleImportEvent({ type: 'import.started', batchId: 'b1', total: 2 });
    answer();
    await running;
    actions.handleImportEvent(finished);
    expect(allErrors(store.getState().fileErrors)).toHaveLength(2);
    expect(store.getState().progress.b1).toMatchObject({ phase: 'finished', rejected: 2 });
  });

  it('keeps the errors of earlier imports when another one runs', async () => {
    const { store, actions, answer } = setup({ result, failures: [] });
    const first = actions.importFiles(files);
    answer();
    await first;
    actions.handleImportEvent(finished);
    const second = actions.importFiles(files);
    answer();
    await second;
    expect(allErrors(store.getState().fileErrors)).toHaveLength(2);
  });

  it('follows an import started elsewhere (another window) into the open batch', () => {
    const { store, actions } = setup({ result, failures: [] });
    actions.handleImportEvent({ type: 'import.started', batchId: 'b1', total: 2 });
    expect(store.getState().progress.b1?.phase).toBe('importing');
    actions.handleImportEvent(finished);
    expect(allErrors(store.getState().fileErrors).map((e) => e.code)).toEqual(['pdf_encrypted']);
  });

  it('tracks progress of other batches without touching the open batch errors', () => {
    const { store, actions } = setup({ result, failures: [] });
    actions.handleImportEvent({ type: 'import.started', batchId: 'b2', total: 2 });
    actions.handleImportEvent({ ...finished, batchId: 'b2' });
    expect(store.getState().progress.b2?.phase).toBe('finished');
    expect(allErrors(store.getState().fileErrors)).toHaveLength(0);
  });
});

describe('import call failure', () => {
  it('still lists per-file failures found before the call, and shows no misleading summary', async () => {
    const { store, actions, answer } = setup({ result: null, failures, error: new Error('bridge went away') });
    const running = actions.importFiles(files);
    answer();
    await running;
    expect(allErrors(store.getState().fileErrors).map((e) => e.code)).toEqual(['upload_failed']);
    expect(store.getState().progress.b1).toBeUndefined();
    expect(store.getState().notice).toMatchObject({ code: 'internal', message: 'bridge went away' });
  });
});
