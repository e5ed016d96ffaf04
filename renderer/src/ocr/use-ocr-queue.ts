import { useCallback } from 'react';
import type { CoreEvent, OcrEngineName, OcrQueueStatus } from '../../../shared/contract';
import { useClient } from '../state/desk-context';
import { usePolledStatus, type StatusUpdates } from '../ui/use-polled-status';

// Also reloaded on a timer: `hpf-desk ocr` running beside the app sends this window no events.
const RELOAD_MS = 3000;
// A batch being read sends events per page; the queue is reloaded at most this often.
const EVENT_RELOAD_MS = 500;

function onOcrEvent(event: CoreEvent, { reload }: StatusUpdates<OcrQueueStatus>): void {
  if (event.type === 'ocr.progress' || event.type === 'ocr.page') reload();
}

/** The OCR queue, kept fresh while the view is open, and the calls its buttons make. */
export function useOcrQueue() {
  const client = useClient();
  const load = useCallback(() => client.call('ocr.status', {}), [client]);
  const { status, error, call } = usePolledStatus({ load, everyMs: RELOAD_MS, throttleMs: EVENT_RELOAD_MS, onEvent: onOcrEvent });
  // The OCR calls answer with what they changed, not with the queue: read the queue after them.
  const thenReload = (run: () => Promise<unknown>) =>
    void call(async () => {
      await run();
      return load();
    });

  return {
    status,
    error,
    cancel: (batchId: string) => thenReload(() => client.call('ocr.cancel', { batchId })),
    resume: (batchId: string) => thenReload(() => client.call('ocr.enqueue', { batchId, revive: true })),
    setEngine: (engine: OcrEngineName) => thenReload(() => client.call('ocr.setEngine', { engine })),
  };
}
