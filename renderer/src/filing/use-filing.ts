import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ChecklistCheck, FilingItem, FileResult, PageSuggestion } from '../../../shared/contract';
import { reportError } from '../state/action-context';
import { useClient, useDesk, useDeskStore } from '../state/desk-context';
import { useScheme, type SchemeData } from './use-scheme';

export interface FilingData extends SchemeData {
  readonly items: readonly FilingItem[];
  /** The item the counter works on: the one created last in this batch. */
  readonly item: FilingItem | null;
  readonly check: ChecklistCheck | null;
  readonly lastFiled: FileResult | null;
}

type BatchData = Omit<FilingData, keyof SchemeData>;

const EMPTY: BatchData = { items: [], item: null, check: null, lastFiled: null };

/**
 * The counter's filing state for the open batch: scheme, business types, the batch's items and
 * the current item's checklist, reloaded whenever the core says the batch changed.
 */
export function useFiling(batchId: string | null) {
  const client = useClient();
  const store = useDeskStore();
  const [data, setData] = useState<BatchData>(EMPTY);

  const reload = useCallback(async () => {
    if (!batchId) return;
    try {
      const items = await client.call('items.list', { batchId });
      const item = items.at(-1) ?? null;
      const check = item?.business ? await client.call('items.check', { id: item.id }) : null;
      setData((d) => ({ ...d, items, item, check, lastFiled: d.lastFiled && d.lastFiled.item === item?.id ? d.lastFiled : null }));
    } catch (err) {
      reportError({ store }, err);
    }
  }, [batchId, client, store]);

  const { scheme, businessTypes } = useScheme();
  const adminOpen = useDesk((s) => s.dialog === 'scheme-admin');

  // A new checklist version may apply to the current item's date: check it again after F9 closes.
  const adminWasOpen = useRef(false);
  useEffect(() => {
    if (adminWasOpen.current && !adminOpen) void reload();
    adminWasOpen.current = adminOpen;
  }, [adminOpen, reload]);

  useEffect(() => {
    setData((d) => ({ ...d, items: [], item: null, check: null, lastFiled: null }));
    void reload();
    const controller = new AbortController();
    client.onEvent((event) => {
      if (event.type === 'batch.changed' && event.batchId === batchId) void reload();
    }, controller.signal);
    return () => controller.abort();
  }, [batchId, client, reload]);

  const actions = useMemo(
    () => ({
      createItem: async (business: string, businessDate: string, fields: Record<string, string>) => {
        if (!batchId) return;
        await client.call('items.create', { batchId, business, businessDate, fields });
        await reload();
      },
      /** A filed item takes the page only as a supplement, with the reason. */
      assign: async (itemId: string, pageId: string, material: string, reason?: string) => {
        await client.call('items.assign', { itemId, pageIds: [pageId], material, ...(reason ? { reason } : {}) });
        await reload();
      },
      /** Take a page back out of its item (assigned by mistake): loose again. */
      unassign: async (pageId: string) => {
        await client.call('pages.unassign', { pageIds: [pageId] });
        await reload();
      },
      file: async (itemId: string, allowMissing?: string) => {
        const result = await client.call('items.file', { id: itemId, ...(allowMissing ? { allowMissing } : {}) });
        setData((d) => ({ ...d, lastFiled: result }));
        await reload();
        return result;
      },
      /** OCR field proposals (best per element) of the given pages, for the form to accept with one key. */
      proposals: async (pageIds: readonly string[]): Promise<Record<string, string>> => {
        const best = new Map<string, { value: string; confidence: number }>();
        for (const pageId of pageIds) {
          const ocr = await client.call('ocr.page', { pageId }).catch(() => null);
          for (const p of ocr?.proposals ?? []) {
            if ((best.get(p.field)?.confidence ?? -1) < p.confidence) best.set(p.field, { value: p.value, confidence: p.confidence });
          }
        }
        return Object.fromEntries([...best].map(([field, v]) => [field, v.value]));
      },
      /** The item's metadata unmasked: the core checks the permission and records who looked, and when. */
      reveal: async (itemId: string): Promise<Record<string, string>> => (await client.call('items.get', { id: itemId, reveal: true })).fields,
      suggest: async (pageId: string): Promise<PageSuggestion | null> => {
        try {
          return (await client.call('classify.pages', { pageIds: [pageId] }))[0] ?? null;
        } catch (err) {
          reportError({ store }, err);
          return null;
        }
      },
    }),
    [batchId, client, reload, store],
  );
  return { data: { ...data, scheme, businessTypes }, actions };
}

export type FilingActions = ReturnType<typeof useFiling>['actions'];

/** Where a page stands: in which item and document (material), if any. */
export function pagePlace(items: readonly FilingItem[], pageId: string | null): { item: FilingItem; material: string | null } | null {
  if (!pageId) return null;
  for (const item of items) {
    const doc = item.documents.find((d) => d.pageIds.includes(pageId));
    if (doc) return { item, material: doc.material };
  }
  return null;
}
