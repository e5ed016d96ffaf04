import type { PageSummary } from '../../../shared/contract';
import { createTranslate, type PlainKey } from '../i18n/translate';
import { refuseOnClosedBatch } from './closed-batch';
import { filedPageReason, filedTargetReason } from '../pages/filed-page';
import { documentStep, droppedOnto, movedWithin, previousDocument, selectionAfterRemoval, turnDegrees, type TurnDirection } from '../pages/page-editing';
import type { PageEdit } from '../app/shortcuts';
import { reportError, type ActionContext } from './action-context';
import { mayCall } from '../session/may-call';
import type { BatchActions } from './batch-actions';

/**
 * Page editing on the selected page: split, merge with the previous document, reorder, rotate,
 * move, trash and restore. The core does each in one audited transaction and refuses changes to
 * filed items; the grid is reloaded at once (not after the event throttle) so the clerk sees the
 * result of a key before pressing the next.
 */
/** The edits that change a batch's pages (the others only look: next document, the trash list). */
const CHANGES_PAGES: ReadonlySet<PageEdit> = new Set<PageEdit>(['split', 'merge-previous', 'rotate-clockwise', 'rotate-anticlockwise', 'page-earlier', 'page-later', 'move-page', 'trash-page']);

export function createPageEditActions(ctx: ActionContext, batches: Pick<BatchActions, 'reloadPages'>) {
  const { client, store } = ctx;

  const translate = () => createTranslate(store.getState().language);
  /** Tell the clerk why a key did nothing, in the screen's language. */
  const say = (message: string) => store.setState({ notice: { code: 'conflict', message } });
  const refuse = (key: PlainKey) => say(translate()(key));
  /** A filed page (or one joining a filed document) is refused here, with the reason: true when refused. */
  const refuseFiled = (reason: string | null): boolean => {
    if (reason !== null) say(reason);
    return reason !== null;
  };
  const firstPageOf = (pages: readonly PageSummary[], documentId: string) => pages.find((p) => p.documentId === documentId);

  const selectedPage = (): PageSummary | null => {
    const s = store.getState();
    const page = s.pages.find((p) => p.id === s.selectedPageId) ?? null;
    if (!page) refuse('pageEdit.noPage');
    return page;
  };

  /** Run one change, then show the batch as it now is; a refusal lands in the notice bar. */
  async function change(batchId: string, work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
      store.setState({ notice: null });
      return true;
    } catch (err) {
      reportError(ctx, err);
      return false;
    } finally {
      await batches.reloadPages(batchId);
    }
  }

  // Edits run one after another, each on the grid as the one before left it: a clerk pressing
  // G, →, G faster than the core answers must merge what the screen will show, not a stale list.
  let last: Promise<unknown> = Promise.resolve();
  /** Queue an edit of the page selected now (the selection may move on before it runs). */
  function onSelected(edit: (page: PageSummary, pages: readonly PageSummary[]) => Promise<boolean>): Promise<boolean> {
    const chosen = selectedPage();
    if (!chosen) return Promise.resolve(false);
    const run = async (): Promise<boolean> => {
      const pages = store.getState().pages;
      const page = pages.find((p) => p.id === chosen.id);
      if (!page) {
        refuse('pageEdit.noPage');
        return false;
      }
      if (refuseFiled(filedPageReason(translate(), page))) return false;
      return edit(page, pages);
    };
    const result = last.then(run);
    // A failed edit must not stop the ones queued behind it.
    last = result.catch(() => false);
    return result;
  }

  const split = () =>
    onSelected(async (page, pages) => {
      if (pages.find((p) => p.documentId === page.documentId)?.id === page.id) {
        refuse('pageEdit.splitFirst');
        return false;
      }
      return change(page.batchId, () => client.call('documents.split', { id: page.documentId, atPage: page.id }));
    });

  const mergePrevious = () =>
    onSelected(async (page, pages) => {
      const target = previousDocument(pages, page.documentId);
      if (!target) {
        refuse('pageEdit.mergeFirst');
        return false;
      }
      if (refuseFiled(filedTargetReason(translate(), firstPageOf(pages, target)))) return false;
      return change(page.batchId, () => client.call('documents.merge', { target, sources: [page.documentId] }));
    });

  const shift = (delta: -1 | 1) =>
    onSelected(async (page, pages) => {
      const order = movedWithin(pages.filter((p) => p.documentId === page.documentId).map((p) => p.id), page.id, delta);
      if (!order) {
        refuse(delta < 0 ? 'pageEdit.alreadyFirst' : 'pageEdit.alreadyLast');
        return false;
      }
      return change(page.batchId, () => client.call('pages.reorder', { documentId: page.documentId, pageIds: order }));
    });

  const rotate = (direction: TurnDirection) =>
    onSelected((page) => change(page.batchId, () => client.call('pages.rotate', { id: page.id, degrees: turnDegrees(direction) })));

  function stepDocument(delta: -1 | 1): void {
    const s = store.getState();
    const next = s.selectedPageId === null ? s.pages[0]?.id : documentStep(s.pages, s.selectedPageId, delta);
    if (next) store.setState({ selectedPageId: next });
  }

  /** Trash the selected page with a reason; the selection moves on to its neighbour. */
  const trashSelected = (reason: string) =>
    onSelected(async (page, pages) => {
      const next = selectionAfterRemoval(pages, page.id);
      const done = await change(page.batchId, () => client.call('pages.trash', { pageIds: [page.id], reason }));
      if (done && store.getState().selectedPageId === page.id) store.setState({ selectedPageId: next });
      return done;
    });

  async function restore(batchId: string, pageIds: readonly string[]): Promise<boolean> {
    const done = await change(batchId, () => client.call('pages.restore', { pageIds: [...pageIds] }));
    if (done && pageIds[0]) store.setState({ selectedPageId: pageIds[0] });
    return done;
  }

  const moveSelectedTo = (documentId: string) =>
    onSelected(async (page, pages) => {
      if (refuseFiled(filedTargetReason(translate(), firstPageOf(pages, documentId)))) return false;
      return change(page.batchId, () => client.call('pages.move', { pageIds: [page.id], documentId }));
    });

  /** A thumbnail dropped on another: within its document it takes that place, else it joins that document. */
  async function dropPage(pageId: string, onPageId: string): Promise<void> {
    const pages = store.getState().pages;
    const page = pages.find((p) => p.id === pageId);
    const target = pages.find((p) => p.id === onPageId);
    if (!page || !target || page.id === target.id) return;
    store.setState({ selectedPageId: page.id });
    if (page.documentId !== target.documentId) {
      await moveSelectedTo(target.documentId);
      return;
    }
    const order = droppedOnto(pages.filter((p) => p.documentId === page.documentId).map((p) => p.id), page.id, target.id);
    if (order) await onSelected((p) => change(p.batchId, () => client.call('pages.reorder', { documentId: p.documentId, pageIds: order })));
  }

  /**
   * F9 opens the scheme screen for whoever may save a scheme; anyone else is told in one line
   * whose right it is (their header has no button for it), rather than given a screen to look at.
   */
  function openSchemeAdmin(): void {
    if (mayCall(store.getState().session, 'scheme.save')) return store.setState({ dialog: 'scheme-admin' });
    store.setState({ notice: { code: 'forbidden', message: '', details: { permission: 'scheme.edit' } } });
  }

  /** The page-editing keys; those needing a choice open their dialog. */
  function pageEdit(edit: PageEdit): void {
    const s = store.getState();
    if (edit === 'scheme-admin') return openSchemeAdmin();
    if (s.currentBatchId === null) return;
    if (CHANGES_PAGES.has(edit) && refuseOnClosedBatch(store)) return;
    if (CHANGES_PAGES.has(edit) && refuseFiled(filedPageReason(translate(), s.pages.find((p) => p.id === s.selectedPageId)))) return;
    switch (edit) {
      case 'split':
        return void split();
      case 'merge-previous':
        return void mergePrevious();
      case 'rotate-clockwise':
        return void rotate('clockwise');
      case 'rotate-anticlockwise':
        return void rotate('anticlockwise');
      case 'page-earlier':
        return void shift(-1);
      case 'page-later':
        return void shift(1);
      case 'previous-document':
        return stepDocument(-1);
      case 'next-document':
        return stepDocument(1);
      case 'move-page':
        if (selectedPage()) store.setState({ dialog: 'move-page' });
        return;
      case 'trash-page':
        if (selectedPage()) store.setState({ dialog: 'trash-page' });
        return;
      case 'open-trash':
        return store.setState({ dialog: 'trash' });
    }
  }

  return { pageEdit, trashSelected, restore, moveSelectedTo, dropPage };
}

export type PageEditActions = ReturnType<typeof createPageEditActions>;
