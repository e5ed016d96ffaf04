import { stationTime } from '../../../shared/logic/station-time';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PendingItem } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { useLanguage, useT } from '../i18n/use-t';
import { schemeName } from '../i18n/scheme-name';
import { reportError } from '../state/action-context';
import { useActions, useClient, useDeskStore } from '../state/desk-context';
import { stepActive } from '../search/search-logic';
import { ItemView } from './item-view';

/**
 * 容缺受理 still open: every item filed with materials missing that still lacks them, with what
 * it lacks and why it was accepted; Enter shows the item, its page opens in its batch.
 */
export function PendingDialog({ onClose }: { readonly onClose: () => void }) {
  const t = useT();
  const language = useLanguage();
  const client = useClient();
  const store = useDeskStore();
  const desk = useActions();
  const [items, setItems] = useState<readonly PendingItem[] | null>(null);
  const [active, setActive] = useState(0);
  const [shown, setShown] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    client.call('items.pending', {}).then(setItems, (err: unknown) => reportError({ store }, err));
  }, [client, store]);
  useEffect(() => {
    if (items && !shown) list.current?.focus();
  }, [items, shown]);

  const openPage = async (batchId: string, pageId: string) => {
    onClose();
    await desk.openBatch(batchId);
    desk.openViewer(pageId);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!items) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setActive((i) => stepActive(i, e.key === 'ArrowDown' ? 1 : -1, items.length));
    else if (e.key === 'Enter' && items[active]) setShown(items[active].item);
    else return;
    e.preventDefault();
  };
  return (
    <Dialog title={t('afterFiling.pendingTitle')} testId="pending-dialog" className="search" onClose={onClose} closeLabel={t('afterFiling.close')} escapeCloses>
      {shown ? (
        <ItemView itemId={shown} onBack={() => setShown(null)} onOpenPage={(batchId, pageId) => void openPage(batchId, pageId).catch((err: unknown) => reportError({ store }, err))} />
      ) : items?.length === 0 ? (
        <p className="muted" data-testid="pending-none">{t('afterFiling.pendingNone')}</p>
      ) : (
        <>
          <p className="muted">{t('afterFiling.pendingHint')}</p>
          <div ref={list} role="listbox" tabIndex={0} aria-label={t('afterFiling.pendingTitle')} aria-activedescendant={items?.[active] ? `pending-${items[active].item}` : undefined} className="search-results" onKeyDown={onKeyDown}>
            {items?.map((item, i) => (
              <div key={item.item} id={`pending-${item.item}`} role="option" aria-selected={i === active} className={i === active ? 'search-hit is-active' : 'search-hit'} data-testid="pending-item" onClick={() => setShown(item.item)}>
                <div className="search-hit-title">{item.archivalCode}</div>
                <div className="search-hit-snippet">{t('afterFiling.pendingLine', { business: schemeName({ name: item.businessName, nameEn: item.businessNameEn }, language), date: stationTime(item.filedAt).slice(0, 10) })}</div>
                <div className="filing-missing" data-testid="pending-missing">{t('afterFiling.pendingMissing', { names: item.missing.map((m) => schemeName(m, language)).join(language === 'en' ? ', ' : '、') })}</div>
                <div className="muted">{t('afterFiling.pendingReason', { reason: item.reason })}</div>
              </div>
            ))}
          </div>
        </>
      )}
    </Dialog>
  );
}
