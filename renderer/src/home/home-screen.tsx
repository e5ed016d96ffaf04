import { useEffect, useState } from 'react';
import type { PendingItem, SyncStatus } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { useActions, useClient, useDesk } from '../state/desk-context';

/** A transfer still on its way to the centre (not yet confirmed there). */
const WAITING = new Set(['queued', 'packaging', 'checked', 'uploading', 'uploaded', 'failed']);

interface Figures {
  readonly filedToday: number | null;
  readonly pending: readonly PendingItem[] | null;
  readonly sync: SyncStatus | null;
}

/**
 * Where the clerk starts the day (H, or with no batch open): the open batches, how many items
 * were filed today, the items still awaiting materials (容缺) and the batches waiting to sync.
 * Each figure is asked for on its own, so one the user may not see leaves the others.
 */
export function HomeScreen() {
  const t = useT();
  const client = useClient();
  const actions = useActions();
  const batches = useDesk((s) => s.batches);
  const [figures, setFigures] = useState<Figures>({ filedToday: null, pending: null, sync: null });

  useEffect(() => {
    let live = true;
    const set = (patch: Partial<Figures>) => live && setFigures((f) => ({ ...f, ...patch }));
    client.call('stats.report', { range: { preset: 'today' } }).then((r) => set({ filedToday: r.views.total[0]?.values.itemsFiled ?? 0 }), () => undefined);
    client.call('items.pending', {}).then((pending) => set({ pending }), () => undefined);
    client.call('sync.status', {}).then((sync) => set({ sync }), () => undefined);
    return () => {
      live = false;
    };
  }, [client]);

  const open = batches.filter((b) => b.state === 'open');
  const waiting = figures.sync?.transfers.filter((x) => WAITING.has(x.state)) ?? null;
  return (
    <main className="batch-view home" data-testid="home-screen">
      <h2>{t('home.title')}</h2>
      <div className="home-tiles">
        <section className="home-tile" data-testid="home-open-batches">
          <h3>{t('home.openBatches', { count: open.length })}</h3>
          {open.length === 0 ? (
            <p className="muted">{t('home.noOpenBatches')}</p>
          ) : (
            <ul>
              {open.slice(0, 8).map((b) => (
                <li key={b.id}>
                  <button type="button" className="button-quiet home-batch" title={b.name} onClick={() => void actions.openBatch(b.id)}>
                    {b.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="home-tile" data-testid="home-filed-today">
          <h3>{t('home.filedToday')}</h3>
          <strong className="home-figure">{figures.filedToday ?? '—'}</strong>
        </section>
        <section className="home-tile" data-testid="home-pending">
          <h3>{t('home.pending', { count: figures.pending?.length ?? 0 })}</h3>
          {figures.pending?.length === 0 && <p className="muted">{t('afterFiling.pendingNone')}</p>}
          <ul>
            {figures.pending?.slice(0, 5).map((p) => (
              <li key={p.item}>
                <span>{p.archivalCode}</span> <span className="filing-missing">{t('afterFiling.pendingMissing', { names: p.missing.map((m) => m.name).join('、') })}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className="home-tile" data-testid="home-sync">
          <h3>{t('home.sync')}</h3>
          {figures.sync === null ? (
            <strong className="home-figure">—</strong>
          ) : figures.sync.target === null ? (
            <p className="muted">{t('home.syncNotSetUp')}</p>
          ) : (
            <strong className="home-figure">{t('home.syncWaiting', { count: waiting?.length ?? 0 })}</strong>
          )}
        </section>
      </div>
      <p className="muted">{t('home.hint')}</p>
    </main>
  );
}
