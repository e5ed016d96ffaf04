import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FilingItem, PageSummary } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { useSchemeNames } from '../i18n/use-scheme-names';
import { reportError } from '../state/action-context';
import { useClient, useDeskStore } from '../state/desk-context';

interface ItemViewProps {
  readonly itemId: string;
  readonly onBack: () => void;
  /** Leave for the item's batch with this page in the viewer. */
  readonly onOpenPage: (batchId: string, pageId: string) => void;
}

/**
 * One item as found (search, the 容缺 list): its 档号, business and metadata (masked), and only
 * its own pages, by material, as thumbnails. A page opens in its batch's viewer.
 */
export function ItemView({ itemId, onBack, onOpenPage }: ItemViewProps) {
  const t = useT();
  const client = useClient();
  const store = useDeskStore();
  const names = useSchemeNames();
  const [item, setItem] = useState<FilingItem | null>(null);
  const [pages, setPages] = useState<ReadonlyMap<string, PageSummary>>(new Map());
  const view = useRef<HTMLElement>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const found = await client.call('items.get', { id: itemId });
        const all = await client.call('pages.list', { batchId: found.batchId });
        if (!live) return;
        setItem(found);
        setPages(new Map(all.map((p) => [p.id, p])));
      } catch (err) {
        reportError({ store }, err);
      }
    })();
    return () => {
      live = false;
    };
  }, [client, itemId, store]);
  // The first page has the keyboard once shown: Enter opens it, Tab goes on through the pages.
  const shown = item !== null && pages.size > 0;
  useEffect(() => {
    if (shown) view.current?.querySelector<HTMLElement>('[data-testid="item-view-page"]')?.focus();
  }, [shown]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Backspace') return;
    e.preventDefault();
    onBack();
  };
  return (
    <section ref={view} className="item-view" data-testid="item-view" data-item={itemId} onKeyDown={onKeyDown}>
      <button type="button" className="button-quiet" onClick={onBack}>
        {t('afterFiling.itemBack')}
      </button>
      {item && (
        <>
          <h3 data-testid="item-view-code">{t('afterFiling.itemTitle', { code: item.archivalCode ?? t('afterFiling.itemDraft') })}</h3>
          <p className="muted" data-testid="item-view-fields">
            {item.business ? names.business(item.business) : ''} · {item.businessDate} · {t('afterFiling.version', { version: item.version })}
            {Object.entries(item.fields).map(([k, v]) => ` · ${names.field(k)} ${v}`).join('')}
          </p>
          {item.documents.map((doc) => (
            <div key={doc.id} className="item-view-document" data-testid="item-view-document" data-material={doc.material ?? ''}>
              <h4>{t('afterFiling.itemPages', { material: doc.material ? names.material(doc.material) : doc.title, pages: doc.pageIds.length })}</h4>
              <div className="item-view-pages">
                {doc.pageIds.map((id) => {
                  const page = pages.get(id);
                  return (
                    page && (
                      <button key={id} type="button" className="item-view-page" data-testid="item-view-page" data-page-id={id} title={t('afterFiling.itemOpenPage', { seq: page.seq })} onClick={() => onOpenPage(item.batchId, id)}>
                        <img src={client.blobUrl(page.thumbSha256)} alt={t('grid.thumbAlt', { seq: page.seq })} />
                      </button>
                    )
                  );
                })}
              </div>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
