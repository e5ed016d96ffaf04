import { stationTime } from '../../../shared/logic/station-time';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TrashedPage } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import { listKey } from './list-keys';
import { reportError } from '../state/action-context';
import { useActions, useClient, useDesk, useDeskStore } from '../state/desk-context';

/** T: the batch's trashed pages with who deleted them, when and why; Enter restores one, A all. */
export function TrashDialog() {
  const t = useT();
  const actions = useActions();
  const client = useClient();
  const store = useDeskStore();
  const batchId = useDesk((s) => s.currentBatchId);
  const [pages, setPages] = useState<readonly TrashedPage[] | null>(null);
  const [index, setIndex] = useState(0);
  const list = useRef<HTMLUListElement>(null);

  const load = useCallback(async () => {
    if (!batchId) return;
    try {
      setPages(await client.call('trash.list', { batchId }));
    } catch (err) {
      reportError({ store }, err);
    }
  }, [batchId, client, store]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (pages !== null) list.current?.focus();
  }, [pages]);

  const restore = async (ids: readonly string[]) => {
    if (!batchId || ids.length === 0) return;
    if (await actions.restore(batchId, ids)) await load();
  };
  // The highlight stays in the list as it shrinks.
  const at = Math.max(0, Math.min(index, (pages?.length ?? 0) - 1));
  const onKeyDown = (e: KeyboardEvent) => {
    if (!pages) return;
    if (e.key.toLowerCase() === 'a' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      void restore(pages.map((p) => p.page));
      return;
    }
    const result = listKey(e.key, at, pages.length);
    if (!result) return;
    e.preventDefault();
    if (result.kind === 'highlight') setIndex(result.index);
    else void restore([pages[result.index]!.page]);
  };

  return (
    <Dialog title={t('pageEdit.trashList.title')} testId="trash-dialog" className="page-edit-trash" onClose={actions.close} closeLabel={t('filing.cancel')}>
      {pages?.length === 0 && <p className="muted">{t('pageEdit.trashList.empty')}</p>}
      {pages && pages.length > 0 && (
        <>
          <p className="muted">{t('pageEdit.trashList.hint')}</p>
          <ul ref={list} className="filing-options page-edit-list" role="listbox" tabIndex={0} aria-label={t('pageEdit.trashList.title')} onKeyDown={onKeyDown}>
            {pages.map((p, i) => (
              <li key={p.page} role="option" aria-selected={i === at} className={i === at ? 'selected' : undefined} data-testid="trash-line" onMouseDown={() => setIndex(i)} onDoubleClick={() => void restore([p.page])}>
                <kbd>{i < 9 ? i + 1 : ' '}</kbd>
                <img src={client.blobUrl(p.thumbSha256)} alt="" className="page-edit-thumb" />
                <span>{t('pageEdit.trashList.line', { seq: p.seq, reason: p.reason, actor: p.actor, at: stationTime(p.at) })}</span>
              </li>
            ))}
          </ul>
          <div className="modal-actions">
            <button type="button" onClick={() => void restore(pages.map((p) => p.page))} data-testid="trash-restore-all">
              {t('pageEdit.trashList.restoreAll')}
            </button>
            <button type="button" className="button-primary" onClick={() => pages[at] && void restore([pages[at].page])} data-testid="trash-restore">
              {t('pageEdit.trashList.restore')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
