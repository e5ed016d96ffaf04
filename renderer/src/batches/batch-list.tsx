import type { Batch } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import type { Translate } from '../i18n/translate';
import { useActions, useDesk } from '../state/desk-context';
import { isActive } from '../state/import-progress';

export function BatchList() {
  const t = useT();
  const actions = useActions();
  const batches = useDesk((s) => s.batches);
  const loaded = useDesk((s) => s.batchesLoaded);
  const currentId = useDesk((s) => s.currentBatchId);
  const progress = useDesk((s) => s.progress);

  return (
    <aside className="sidebar" aria-labelledby="batches-heading">
      <div className="sidebar-head">
        <h2 id="batches-heading">{t('batches.title')}</h2>
        <button type="button" className="button-quiet" data-testid="home-button" aria-pressed={currentId === null} onClick={actions.goHome}>
          {t('home.button')}
        </button>
        <button
          type="button"
          className="button-primary"
          data-testid="new-batch-button"
          title={t('batches.newLabel')}
          onClick={() => actions.openDialog('new-batch')}
        >
          {t('batches.new')}
        </button>
      </div>
      {!loaded && <p className="muted sidebar-note">{t('batches.loading')}</p>}
      {loaded && batches.length === 0 && <p className="muted sidebar-note">{t('batches.empty')}</p>}
      <ul className="batch-list" data-testid="batch-list">
        {batches.map((batch) => (
          <li key={batch.id}>
            <BatchItem
              t={t}
              batch={batch}
              current={batch.id === currentId}
              importing={isActive(progress[batch.id])}
              onOpen={() => void actions.openBatch(batch.id)}
            />
          </li>
        ))}
      </ul>
    </aside>
  );
}

interface BatchItemProps {
  readonly t: Translate;
  readonly batch: Batch;
  readonly current: boolean;
  readonly importing: boolean;
  readonly onOpen: () => void;
}

function BatchItem({ t, batch, current, importing, onOpen }: BatchItemProps) {
  return (
    <button
      type="button"
      className={current ? 'batch-item is-current' : 'batch-item'}
      data-testid="batch-item"
      data-batch-id={batch.id}
      title={batch.name}
      aria-current={current ? 'true' : undefined}
      onClick={onOpen}
    >
      <span className="batch-name">{batch.name}</span>
      <span className="batch-meta">
        <span>{t(`kind.${batch.kind}`)}</span>
        <span data-testid="batch-page-count">{t('batches.pages', { count: batch.pageCount })}</span>
        {batch.rejectedCount > 0 && (
          <span className="badge badge-error" data-testid="batch-rejected-count">
            {t('batches.rejected', { count: batch.rejectedCount })}
          </span>
        )}
        {importing && <span className="badge badge-busy">{t('batches.importing')}</span>}
        {batch.state === 'closed' && <span className="badge">{t('batches.closed')}</span>}
      </span>
    </button>
  );
}
