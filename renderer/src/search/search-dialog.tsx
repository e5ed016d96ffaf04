import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Dossier, SearchHit, SearchResult } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import { reportError } from '../state/action-context';
import { useActions, useClient, useDeskStore } from '../state/desk-context';
import { DossierView } from './dossier-view';
import { hitOptionId, SearchHitList } from './search-hit-list';
import { groupHits, listedOrder, resultStatus, stepActive } from './search-logic';

/** Wait this long after the last key before asking the core, so typing a name is one search. */
const TYPING_PAUSE_MS = 200;
const LIMIT = 50;

/**
 * Search (/ or Ctrl+F): OCR text and metadata as one list by kind. The arrows move through the
 * hits from the input, Enter opens the chosen one: a page or document in the viewer, an item at
 * its first page, a dossier as its list of items.
 */
export function SearchDialog() {
  const t = useT();
  const actions = useActions();
  const client = useClient();
  const store = useDeskStore();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [searching, setSearching] = useState(false);
  const [active, setActive] = useState(0);
  const [dossier, setDossier] = useState<Dossier | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setResult(null);
      return;
    }
    let live = true;
    setSearching(true);
    const timer = setTimeout(() => {
      client.call('search', { query: q, limit: LIMIT }).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setActive(0);
          setSearching(false);
        },
        (err: unknown) => {
          if (!live) return;
          setSearching(false);
          reportError({ store }, err);
        },
      );
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query, store]);

  const groups = useMemo(() => groupHits(result?.hits ?? []), [result]);
  const order = useMemo(() => listedOrder(groups), [groups]);
  const current = order[active] ?? null;

  /** Leave the dialog and show a page of a batch: in the viewer, or selected in the grid. */
  const openAt = async (batchId: string, pageId: string | null) => {
    actions.close();
    await actions.openBatch(batchId);
    if (pageId) actions.openViewer(pageId);
  };

  const open = async (hit: SearchHit) => {
    try {
      if (hit.kind === 'dossier') setDossier(await client.call('dossiers.get', { id: hit.id }));
      else if (hit.batchId) await openAt(hit.batchId, hit.pageId);
    } catch (err) {
      reportError({ store }, err);
    }
  };

  const openItem = async (itemId: string) => {
    try {
      const item = await client.call('items.get', { id: itemId });
      await openAt(item.batchId, item.documents[0]?.pageIds[0] ?? null);
    } catch (err) {
      reportError({ store }, err);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (dossier || e.nativeEvent.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setActive((i) => stepActive(i, e.key === 'ArrowDown' ? 1 : -1, order.length));
    else if (e.key === 'PageDown' || e.key === 'PageUp') setActive((i) => stepActive(i, e.key === 'PageDown' ? 5 : -5, order.length));
    else if (e.key === 'Enter' && current) void open(current);
    else return;
    e.preventDefault();
  };

  return (
    <Dialog title={t('search.title')} testId="search-dialog" className="search" onClose={actions.close} closeLabel={t('search.close')} onKeyDown={onKeyDown}>
      {dossier ? (
        <DossierView dossier={dossier} onBack={() => setDossier(null)} onOpenItem={(id) => void openItem(id)} />
      ) : (
        <>
          <input
            type="search"
            className="search-input"
            data-testid="search-input"
            autoFocus
            value={query}
            placeholder={t('search.placeholder')}
            aria-label={t('search.label')}
            role="combobox"
            aria-expanded={order.length > 0}
            aria-controls={listId}
            aria-activedescendant={current ? hitOptionId(listId, current) : undefined}
            onChange={(e) => setQuery(e.target.value)}
          />
          <p className="muted search-hint">{t('search.hint')}</p>
          <p className="muted" role="status" data-testid="search-status">
            {searching
              ? t('search.searching')
              : result && resultStatus(t, result)}
          </p>
          {order.length > 0 && <SearchHitList listId={listId} groups={groups} active={current} onOpen={(hit) => void open(hit)} />}
        </>
      )}
    </Dialog>
  );
}
