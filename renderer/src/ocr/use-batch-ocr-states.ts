import { useEffect, useState } from 'react';
import type { OcrState } from '../../../shared/contract';
import { throttle } from '../ui/throttle';
import { useClient } from '../state/desk-context';

// A batch being read sends an event per page; reloading the states at most this often is plenty.
const RELOAD_MS = 1000;

/** OCR state of every page of a batch, for the thumbnails' badges. */
export function useBatchOcrStates(batchId: string | null): ReadonlyMap<string, OcrState> {
  const client = useClient();
  const [states, setStates] = useState<ReadonlyMap<string, OcrState>>(new Map());
  useEffect(() => {
    setStates(new Map());
    if (!batchId) return;
    let live = true;
    const load = async () => {
      try {
        const list = await client.call('ocr.pages', { batchId });
        if (live) setStates(new Map(list.map((s) => [s.page, s.state])));
      } catch {
        // Badges are a hint; the next event reloads them.
      }
    };
    const reload = throttle(() => void load(), RELOAD_MS);
    void load();
    const controller = new AbortController();
    client.onEvent((event) => {
      if ((event.type === 'ocr.page' || event.type === 'batch.changed') && event.batchId === batchId) reload();
    }, controller.signal);
    return () => {
      live = false;
      reload.cancel();
      controller.abort();
    };
  }, [client, batchId]);
  return states;
}
