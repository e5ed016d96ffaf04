import { useCallback, useEffect, useState } from 'react';
import type { OcrEngineName, OcrQueueStatus } from '../../../shared/contract';
import { isDeskCallError, type CallErrorCode } from '../api/call-error';
import { throttle } from '../ui/throttle';
import { useClient } from '../state/desk-context';

// Also reloaded on a timer: `hpf-desk ocr` running beside the app sends this window no events.
const RELOAD_MS = 3000;

export interface OcrCallError {
  readonly code: CallErrorCode;
  readonly message: string;
}

/** The OCR queue, kept fresh while the view is open, and the calls its buttons make. */
export function useOcrQueue() {
  const client = useClient();
  const [status, setStatus] = useState<OcrQueueStatus | null>(null);
  // Shown inside the view: the notice bar is behind the modal.
  const [error, setError] = useState<OcrCallError | null>(null);

  const call = useCallback(async (run: () => Promise<unknown>) => {
    try {
      await run();
      setStatus(await client.call('ocr.status', {}));
      setError(null);
    } catch (err) {
      setError(isDeskCallError(err) ? { code: err.code, message: err.message } : { code: 'internal', message: String(err) });
    }
  }, [client]);

  useEffect(() => {
    const controller = new AbortController();
    const reload = throttle(() => void call(async () => undefined), 500);
    reload();
    const timer = setInterval(reload, RELOAD_MS);
    client.onEvent((event) => {
      if (event.type === 'ocr.progress' || event.type === 'ocr.page') reload();
    }, controller.signal);
    return () => {
      clearInterval(timer);
      reload.cancel();
      controller.abort();
    };
  }, [client, call]);

  return {
    status,
    error,
    cancel: (batchId: string) => void call(() => client.call('ocr.cancel', { batchId })),
    resume: (batchId: string) => void call(() => client.call('ocr.enqueue', { batchId, revive: true })),
    setEngine: (engine: OcrEngineName) => void call(() => client.call('ocr.setEngine', { engine })),
  };
}
