import { useEffect, useState } from 'react';
import type { PageSuggestion, Suggestion } from '../../../shared/contract';
import { useLanguage, useT } from '../i18n/use-t';
import { schemeName } from '../i18n/scheme-name';
import { reportError } from '../state/action-context';
import { refuseOnClosedBatch } from '../state/closed-batch';
import { useActions, useClient, useDesk, useDeskStore } from '../state/desk-context';
import { BusinessDialog } from './business-dialog';
import { ChecklistView } from './checklist-view';
import { FileDialog } from './file-dialog';
import { missingNames } from './filing-logic';
import { MaterialDialog } from './material-dialog';
import { CorrectionDialog } from './correction-dialog';
import { PendingDialog } from './pending-dialog';
import { SupplementDialog } from './supplement-dialog';
import { ItemPrint } from './item-print';
import { pagePlace, useFiling } from './use-filing';

type Open =
  | { kind: 'none' }
  | {
      kind: 'business';
      proposals: Record<string, string>;
      /** The pages the proposals are read from (they may still be waiting for OCR). */
      proposalPages: readonly string[];
      /** The business the first page points to, with why; null when the desk is not sure. */
      suggested: Suggestion | null;
      pages: readonly string[];
      start: number;
    }
  | { kind: 'material'; page: string; suggestion: PageSuggestion | null }
  /** A page for a filed item: its material, then why (补件). */
  | { kind: 'supplement'; page: string; material: string | null }
  | { kind: 'correct' }
  | { kind: 'pending' }
  | { kind: 'file' };

/** Where a page stands in the given item (its material, if sorted), null when it is loose or elsewhere. */
const placedIn = (items: Parameters<typeof pagePlace>[0], pageId: string, itemId: string): { material: string | null } | null => {
  const place = pagePlace(items, pageId);
  return place?.item.id === itemId ? { material: place.material } : null;
};

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The counter's filing column beside the thumbnails: the business and its checklist (always in
 * view), where the selected page stands, and the keys B (business), A (assign material), F
 * (file) and R (items still awaiting materials). After filing, the 档号 stays on screen until the
 * next business starts; A on a loose page then adds it as a supplement (补件), with a reason, and
 * the details can be corrected as a new version.
 */
export function FilingPanel() {
  const t = useT();
  const language = useLanguage();
  const store = useDeskStore();
  const client = useClient();
  const desk = useActions();
  const batchId = useDesk((s) => s.currentBatchId);
  const selected = useDesk((s) => s.selectedPageId);
  const { data, actions } = useFiling(batchId);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const user = useDesk((s) => s.session?.user ?? null);
  // Full personal data, shown on request to a user allowed to see it; gone when the user or item changes.
  const [revealed, setRevealed] = useState<{ item: string; user: string; fields: Record<string, string> } | null>(null);
  const { item, check } = data;
  const revealedHere = revealed && item && user && revealed.item === item.id && revealed.user === user.id ? revealed.fields : null;
  const draft = item && !item.filedAt ? item : null;
  const filed = item?.filedAt ? item : null;

  /**
   * The business form, with OCR proposals from the selected page or the pages not filed yet; the
   * form shows those pages (the selected one first) to key from.
   */
  const openBusiness = async () => {
    const loose = store.getState().pages.map((p) => p.id).filter((id) => pagePlace(data.items, id) === null);
    const shown = selected && !loose.includes(selected) ? [selected, ...loose] : loose;
    const pages = selected && !pagePlace(data.items, selected) ? [selected] : loose.slice(0, 8);
    setOpen({ kind: 'business', proposals: {}, proposalPages: pages, suggested: null, pages: shown, start: Math.max(0, selected ? shown.indexOf(selected) : 0) });
    const [proposals, suggestion] = await Promise.all([actions.proposals(pages), pages[0] ? actions.suggest(pages[0]) : null]);
    const suggested = suggestion?.businesses[0] ?? null;
    setOpen((o) => (o.kind === 'business' ? { ...o, proposals, suggested } : o));
  };

  // A page read while the form is open (the clerk was quicker than OCR) brings its proposals for F2.
  const proposalPages = open.kind === 'business' ? open.proposalPages : null;
  useEffect(() => {
    if (!proposalPages || !batchId) return;
    const controller = new AbortController();
    client.onEvent((event) => {
      if (event.type !== 'ocr.page' || event.batchId !== batchId || (event.pageId !== null && !proposalPages.includes(event.pageId))) return;
      void actions.proposals(proposalPages).then((proposals) => setOpen((o) => (o.kind === 'business' && o.proposalPages === proposalPages ? { ...o, proposals } : o)));
    }, controller.signal);
    return () => controller.abort();
  }, [proposalPages, batchId, client, actions]);

  const openMaterial = async () => {
    if (!check || !selected) return;
    // A loose page while the item on screen is filed: it can only join as a supplement.
    if (filed) {
      if (pagePlace(data.items, selected) === null) setOpen({ kind: 'supplement', page: selected, material: null });
      return;
    }
    if (!draft) return;
    setOpen({ kind: 'material', page: selected, suggestion: null });
    const suggestion = await actions.suggest(selected);
    setOpen((o) => (o.kind === 'material' && o.page === selected ? { ...o, suggestion } : o));
  };

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const state = store.getState();
      if (open.kind !== 'none' || state.dialog !== 'none' || state.viewer.open) return;
      const key = e.key.toLowerCase();
      if (['b', 'a', 'f'].includes(key) && refuseOnClosedBatch(store)) {
        e.preventDefault();
      } else if (key === 'b' && data.scheme) {
        e.preventDefault();
        void openBusiness();
      } else if (key === 'a' && item && check) {
        e.preventDefault();
        void openMaterial();
      } else if (key === 'r') {
        e.preventDefault();
        setOpen({ kind: 'pending' });
      } else if (key === 'f' && draft && check) {
        e.preventDefault();
        setOpen({ kind: 'file' });
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  if (!batchId) return null;
  const place = pagePlace(data.items, selected);
  const close = () => setOpen({ kind: 'none' });
  const fail = (err: unknown) => reportError({ store }, err);
  const material = (code: string | null) => {
    const line = code ? check?.lines.find((l) => l.material === code) : undefined;
    return line ? schemeName(line, language) : (code ?? '');
  };
  const itemBusiness = data.businessTypes.find((b) => b.code === item?.business) ?? null;

  return (
    <aside className="filing-panel" data-testid="filing-panel" aria-label={t('filing.title')}>
      <header className="filing-head">
        <h2>{t('filing.title')}</h2>
        <button type="button" className="button-quiet" disabled={!data.scheme} onClick={() => void openBusiness()} data-testid="pick-business">
          {item ? t('filing.nextBusiness') : t('filing.pickBusiness')}
        </button>
        <button type="button" className="button-quiet" onClick={() => setOpen({ kind: 'pending' })} data-testid="pending-open">
          {t('afterFiling.pending')}
        </button>
      </header>
      {!item && <p className="muted">{t('filing.noItem')}</p>}
      {item && (
        <div className="filing-item" data-testid="filing-item">
          <strong>{check ? schemeName({ name: check.checklistName, nameEn: check.checklistNameEn }, language) : item.business}</strong>
          <span className="muted" data-testid="item-version">{t('afterFiling.version', { version: item.version })}</span>
          <span className="muted" data-testid="item-fields">
            {t('filing.itemLine', { date: item.businessDate ?? '', fields: Object.entries(revealedHere ?? item.fields).slice(0, 3).map(([k, v]) => `${k} ${v}`).join(' · ') })}
          </span>
          {revealedHere ? (
            <span className="muted" role="status" data-testid="pii-revealed">
              {t('pii.revealed')}
            </span>
          ) : (
            item.masked &&
            user?.permissions.includes('pii.reveal') && (
              <button
                type="button"
                className="button-quiet"
                data-testid="reveal-pii"
                title={t('pii.revealLabel')}
                aria-label={t('pii.revealLabel')}
                onClick={() => actions.reveal(item.id).then((fields) => setRevealed({ item: item.id, user: user.id, fields }), fail)}
              >
                {t('pii.reveal')}
              </button>
            )
          )}
          {itemBusiness && data.scheme && (
            <button type="button" className="button-quiet" onClick={() => setOpen({ kind: 'correct' })} data-testid="correct-item">
              {t('afterFiling.correct')}
            </button>
          )}
          {check && <ItemPrint itemId={item.id} />}
        </div>
      )}
      {item?.archivalCode && (
        <div className="filing-filed" data-testid="filed" role="status">
          <span>{t('filing.filed')} · {t('filing.archivalCode')}</span>
          <strong className="filing-code" data-testid="archival-code">
            {item.archivalCode}
          </strong>
          {item.missingReason && <span className="muted">{t('filing.missingReason', { reason: item.missingReason })}</span>}
        </div>
      )}
      {check && <ChecklistView check={check} />}
      {check && !item?.filedAt && (
        <p className={check.complete ? 'filing-complete' : 'filing-missing'} data-testid="missing" role="status">
          {check.complete ? t('filing.complete') : t('filing.missing', { names: missingNames(check, language).join('、') })}
        </p>
      )}
      {draft && check && (
        <div className="filing-page">
          <span className="muted">{t('filing.currentPage')}：</span>
          <span data-testid="page-place">{selected === null ? '—' : place === null ? t('filing.pageLoose') : place.item.id === draft.id ? material(place.material) : t('filing.pageOther')}</span>
          <div className="filing-actions">
            <button type="button" disabled={!selected} onClick={() => void openMaterial()} data-testid="assign-material">
              {t('filing.assign')}
            </button>
            <button type="button" className="button-primary" onClick={() => setOpen({ kind: 'file' })} data-testid="file-item">
              {t('filing.file')}
            </button>
          </div>
        </div>
      )}
      {open.kind === 'business' && data.scheme && (
        <BusinessDialog
          scheme={data.scheme}
          businessTypes={data.businessTypes}
          proposals={open.proposals}
          suggested={open.suggested}
          pageIds={open.pages}
          startPage={open.start}
          onClose={close}
          onCreate={async (business, date, fields) => {
            await actions.createItem(business, date, fields);
            close();
          }}
        />
      )}
      {open.kind === 'material' && check && draft && (
        <MaterialDialog
          check={check}
          suggestion={open.suggestion}
          assigned={placedIn(data.items, open.page, draft.id)}
          onUnassign={() => {
            close();
            actions.unassign(open.page).catch(fail);
          }}
          onClose={close}
          onPick={(code) => {
            close();
            // On to the next page at once, so the clerk can go on keying while this one is stored.
            desk.move('right');
            actions.assign(draft.id, open.page, code).catch(fail);
          }}
        />
      )}
      {open.kind === 'supplement' && check && filed && (
        open.material === null ? (
          <MaterialDialog check={check} suggestion={null} assigned={null} onUnassign={close} onClose={close} onPick={(code) => setOpen({ ...open, material: code })} />
        ) : (
          <SupplementDialog
            archivalCode={filed.archivalCode ?? ''}
            materialName={material(open.material)}
            onClose={close}
            onSave={async (reason) => {
              await actions.assign(filed.id, open.page, open.material!, reason);
              close();
            }}
          />
        )
      )}
      {open.kind === 'correct' && item && itemBusiness && data.scheme && <CorrectionDialog scheme={data.scheme} business={itemBusiness} item={item} onClose={close} />}
      {open.kind === 'pending' && <PendingDialog onClose={close} />}
      {open.kind === 'file' && check && draft && (
        <FileDialog
          check={check}
          onClose={close}
          onFile={async (reason) => {
            try {
              await actions.file(draft.id, reason);
              close();
            } catch (err) {
              fail(err);
            }
          }}
        />
      )}
    </aside>
  );
}
