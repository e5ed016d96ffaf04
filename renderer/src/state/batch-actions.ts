import type { BatchKind } from '../../../shared/contract';
import { reportError, type ActionContext } from './action-context';
import { CLOSED_VIEWER } from './desk-store';
import { EMPTY_ERROR_LOG, fromRejections } from './file-errors';

export function createBatchActions(ctx: ActionContext) {
  const { client, store } = ctx;

  async function loadStation(): Promise<void> {
    try {
      store.setState({ station: await client.call('station.info', {}) });
    } catch (err) {
      reportError(ctx, err);
    }
  }

  async function refreshBatches(): Promise<void> {
    try {
      const batches = await client.call('batches.list', {});
      store.setState({ batches, batchesLoaded: true });
    } catch (err) {
      reportError(ctx, err);
    }
  }

  /** Reload the page list; answers for a batch that is no longer open are dropped. */
  async function reloadPages(batchId: string): Promise<void> {
    try {
      const pages = await client.call('pages.list', { batchId });
      if (store.getState().currentBatchId !== batchId) return;
      const { selectedPageId } = store.getState();
      const stillThere = selectedPageId !== null && pages.some((p) => p.id === selectedPageId);
      store.setState({ pages, pagesLoading: false, selectedPageId: stillThere ? selectedPageId : null });
    } catch (err) {
      if (store.getState().currentBatchId === batchId) store.setState({ pagesLoading: false });
      reportError(ctx, err);
    }
  }

  async function reloadRejections(batchId: string): Promise<void> {
    try {
      const rejections = await client.call('rejections.list', { batchId });
      if (store.getState().currentBatchId !== batchId) return;
      store.setState((s) => ({ fileErrors: { run: s.fileErrors.run, earlier: fromRejections(rejections) } }));
    } catch (err) {
      reportError(ctx, err);
    }
  }

  async function openBatch(batchId: string): Promise<void> {
    if (store.getState().currentBatchId === batchId) return;
    store.setState({
      currentBatchId: batchId,
      pages: [],
      pagesLoading: true,
      selectedPageId: null,
      fileErrors: EMPTY_ERROR_LOG,
      viewer: CLOSED_VIEWER,
    });
    await Promise.all([reloadPages(batchId), reloadRejections(batchId)]);
  }

  /** Leave the batch for the home screen (H): nothing is open, the figures of the day show. */
  function goHome(): void {
    store.setState({ currentBatchId: null, pages: [], pagesLoading: false, selectedPageId: null, fileErrors: EMPTY_ERROR_LOG, viewer: CLOSED_VIEWER });
  }

  /** Create a batch and open it; resolves false (with a notice) when the core refused. */
  async function createBatch(name: string, kind: BatchKind): Promise<boolean> {
    try {
      const batch = await client.call('batches.create', { name, kind });
      store.setState((s) => ({
        batches: s.batches.some((b) => b.id === batch.id) ? s.batches : [batch, ...s.batches],
        dialog: 'none',
        notice: null,
      }));
      await openBatch(batch.id);
      void refreshBatches();
      return true;
    } catch (err) {
      reportError(ctx, err);
      return false;
    }
  }

  /** First start: station and batches, then open the first batch so the clerk lands somewhere. */
  async function start(): Promise<void> {
    await Promise.all([loadStation(), refreshBatches()]);
    const { currentBatchId, batches } = store.getState();
    const first = batches[0];
    if (currentBatchId === null && first) await openBatch(first.id);
  }

  return { loadStation, refreshBatches, reloadPages, reloadRejections, openBatch, goHome, createBatch, start };
}

export type BatchActions = ReturnType<typeof createBatchActions>;
