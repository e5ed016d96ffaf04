import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BatchDocument, FilingItem } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { callFailureText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { listKey } from './list-keys';
import { documentMarks } from './page-editing';
import { reportError } from '../state/action-context';
import { useActions, useClient, useDesk, useDeskStore } from '../state/desk-context';

/**
 * M: move the selected page into another document of the batch — a loose one or one of a draft
 * item, so this is also how a page goes to another item. Filed items are not offered: they take
 * pages only as supplements (A, with a reason).
 */
export function MovePageDialog() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const client = useClient();
  const store = useDeskStore();
  const batchId = useDesk((s) => s.currentBatchId);
  const pages = useDesk((s) => s.pages);
  const page = useDesk((s) => s.pages.find((p) => p.id === s.selectedPageId) ?? null);
  const [targets, setTargets] = useState<{ documents: readonly BatchDocument[]; items: readonly FilingItem[] } | null>(null);
  const [index, setIndex] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const numbers = useMemo(() => documentMarks(pages), [pages]);

  useEffect(() => {
    if (!batchId) return;
    let live = true;
    void Promise.all([client.call('documents.list', { batchId }), client.call('items.list', { batchId })])
      .then(([documents, items]) => live && setTargets({ documents, items }))
      .catch((err: unknown) => reportError({ store }, err));
    return () => {
      live = false;
    };
  }, [batchId, client, store]);

  const choices = useMemo(
    () => (targets?.documents ?? []).filter((d) => !d.filed && d.id !== page?.documentId),
    [targets, page],
  );
  useEffect(() => {
    if (targets) list.current?.focus();
  }, [targets]);
  // The highlight moved by keys stays in view in a long list.
  useEffect(() => {
    list.current?.children[index]?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const [refusal, setRefusal] = useState<string | null>(null);
  const move = async (documentId: string) => {
    if (await actions.moveSelectedTo(documentId)) return actions.close();
    // Shown here, where the clerk is looking (e.g. the page's own item was filed meanwhile).
    const notice = store.getState().notice;
    setRefusal(notice ? callFailureText(t, notice, language) : null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const result = listKey(e.key, index, choices.length);
    if (!result) return;
    e.preventDefault();
    if (result.kind === 'highlight') setIndex(result.index);
    else void move(choices[result.index]!.id);
  };
  const itemLabel = (itemId: string | null) => {
    const business = targets?.items.find((i) => i.id === itemId)?.business;
    return itemId === null ? t('pageEdit.moveDialog.loose') : t('pageEdit.moveDialog.item', { business: business ?? itemId });
  };

  if (!page) return null;
  return (
    <Dialog title={t('pageEdit.moveDialog.title', { seq: page.seq })} testId="move-page-dialog" onClose={actions.close} closeLabel={t('filing.cancel')}>
      {targets && choices.length === 0 && <p className="muted">{t('pageEdit.moveDialog.none')}</p>}
      {choices.length > 0 && (
        <>
          <p className="muted">{t('pageEdit.moveDialog.hint')}</p>
          <ul ref={list} className="filing-options" role="listbox" tabIndex={0} aria-label={t('pageEdit.moveDialog.hint')} onKeyDown={onKeyDown}>
            {choices.map((d, i) => (
              <li key={d.id} role="option" aria-selected={i === index} className={i === index ? 'selected' : undefined} data-testid="move-target" onMouseDown={() => void move(d.id)}>
                <kbd>{i < 9 ? i + 1 : ' '}</kbd>
                <span>{t('pageEdit.moveDialog.target', { n: numbers.get(d.pageIds[0] ?? '')?.document ?? '—', title: d.title, pages: d.pageIds.length })}</span>
                <span className="muted">{itemLabel(d.itemId)}</span>
              </li>
            ))}
          </ul>
          {refusal && (
            <p className="field-error" role="alert">
              {refusal}
            </p>
          )}
          <div className="modal-actions">
            <button type="button" className="button-primary" onClick={() => choices[index] && void move(choices[index].id)}>
              {t('pageEdit.moveDialog.confirm')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
