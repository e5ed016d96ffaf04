import { describe, expect, it } from 'vitest';
import type { SyncStatus, TransferStatus } from '../../shared/contract';
import { applySyncEvent, canPause, canResume, canRetry, formatBytes, percentDone } from '../../renderer/src/sync/sync-view';

const transfer = (over: Partial<TransferStatus>): TransferStatus => ({
  batchId: 'B1', batchName: '批次', state: 'uploading', paused: false, target: 's3://x/', attempts: 0, nextAttemptAt: null, error: null,
  checksOk: true, filesTotal: 10, filesDone: 2, bytesTotal: 1000, bytesDone: 250, queuedAt: 't', uploadedAt: null, acknowledgedAt: null, purgedAt: null,
  ...over,
});

describe('sync status view', () => {
  it('offers pause while a batch is on its way, resume when paused, retry when failed', () => {
    expect([canPause, canResume, canRetry].map((f) => f(transfer({})))).toEqual([true, false, false]);
    expect([canPause, canResume, canRetry].map((f) => f(transfer({ paused: true })))).toEqual([false, true, false]);
    expect([canPause, canResume, canRetry].map((f) => f(transfer({ state: 'failed' })))).toEqual([false, false, true]);
    expect([canPause, canResume, canRetry].map((f) => f(transfer({ state: 'acknowledged' })))).toEqual([false, false, false]);
  });

  it('moves the bar with progress events between reloads, for the right batch only', () => {
    const status: SyncStatus = { target: null, paused: false, running: true, bandwidth: 0, transfers: [transfer({}), transfer({ batchId: 'B2' })] };
    const next = applySyncEvent(status, { type: 'sync.progress', batchId: 'B2', state: 'uploaded', filesDone: 10, filesTotal: 10, bytesDone: 1000, bytesTotal: 1000 });
    expect(next?.transfers.map((t) => [t.state, percentDone(t)])).toEqual([['uploading', 25], ['uploaded', 100]]);
    expect(applySyncEvent(status, { type: 'batch.changed', batchId: 'B1' })).toBe(status);
    expect(percentDone({ bytesDone: 5, bytesTotal: 0 })).toBe(0);
  });

  it('writes sizes the way people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MB');
  });
});
