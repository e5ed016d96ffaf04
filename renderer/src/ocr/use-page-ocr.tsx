import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PageOcr, PageOcrStatus, PageSummary } from '../../../shared/contract';
import { reportError } from '../state/action-context';
import { useClient, useDeskStore } from '../state/desk-context';
import { trackFillTarget } from './fill-target';
import { isPending } from './ocr-view';

export interface PageOcrView {
  readonly page: PageSummary;
  readonly ocr: PageOcr | null;
  readonly status: PageOcrStatus | null;
  /** The word under the pointer, in the text panel or on the image: "line:word". */
  readonly hovered: string | null;
  setHovered(key: string | null): void;
  /** Put text into the clerk's current input (or the clipboard). */
  fill(text: string): Promise<'filled' | 'copied'>;
  /** Read the page now, before other queued work (again, after a failure or a cancel). */
  readNow(): void;
}

const PageOcrContext = createContext<PageOcrView | null>(null);

export function usePageOcrView(): PageOcrView | null {
  return useContext(PageOcrContext);
}

/**
 * The OCR of the page on screen, shared by the word boxes over the image and the text panel.
 * A page not read yet is asked for first in the queue; the view follows the core's events.
 */
export function PageOcrProvider({ page, children }: { readonly page: PageSummary; readonly children: ReactNode }) {
  const client = useClient();
  const store = useDeskStore();
  const [ocr, setOcr] = useState<PageOcr | null>(null);
  const [status, setStatus] = useState<PageOcrStatus | null>(null);
  const [hovered, setHovered] = useState<string | null>(null);
  const [filler, setFiller] = useState<ReturnType<typeof trackFillTarget> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setFiller(trackFillTarget(controller.signal));
    return () => controller.abort();
  }, []);

  const readNow = useCallback(() => {
    client.call('ocr.enqueue', { pageIds: [page.id], foreground: true, revive: true }).catch((err: unknown) => reportError({ store }, err));
  }, [client, page.id, store]);

  useEffect(() => {
    let live = true;
    let asked = false;
    setOcr(null);
    setStatus(null);
    setHovered(null);
    const load = async () => {
      try {
        const [states, result] = await Promise.all([client.call('ocr.pages', { batchId: page.batchId }), client.call('ocr.page', { pageId: page.id })]);
        if (!live) return;
        const state = states.find((s) => s.page === page.id) ?? null;
        setStatus(state);
        setOcr(result);
        // The page on screen goes before the rest of the queue.
        if (!result && !asked && (state === null || state.state === 'none' || isPending(state.state))) {
          asked = true;
          await client.call('ocr.enqueue', { pageIds: [page.id], foreground: true });
        }
      } catch (err) {
        reportError({ store }, err);
      }
    };
    void load();
    const controller = new AbortController();
    client.onEvent((event) => {
      if (event.type === 'ocr.page' && event.batchId === page.batchId && (event.pageId === null || event.pageId === page.id)) void load();
    }, controller.signal);
    return () => {
      live = false;
      controller.abort();
    };
  }, [client, page.id, page.batchId, store]);

  const value = useMemo<PageOcrView>(
    () => ({
      page,
      ocr,
      status,
      hovered,
      setHovered,
      fill: (text) => filler?.fill(text) ?? Promise.resolve('copied'),
      readNow,
    }),
    [page, ocr, status, hovered, filler, readNow],
  );
  return <PageOcrContext.Provider value={value}>{children}</PageOcrContext.Provider>;
}
