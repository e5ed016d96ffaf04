import type { RefObject } from 'react';
import type { Batch } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';
import { isActive } from '../state/import-progress';

// Kept in step with the core's supported inputs; the core still checks every file itself.
const ACCEPT = '.jpg,.jpeg,.png,.tif,.tiff,.pdf';

interface BatchToolbarProps {
  readonly batch: Batch;
  readonly importInput: RefObject<HTMLInputElement | null>;
}

export function BatchToolbar({ batch, importInput }: BatchToolbarProps) {
  const t = useT();
  const actions = useActions();
  const pageCount = useDesk((s) => s.pages.length);
  const importing = useDesk((s) => isActive(s.progress[batch.id]));

  return (
    <div className="toolbar">
      <div className="toolbar-title">
        <h2 data-testid="batch-title">{batch.name}</h2>
        <span className="muted">
          {t(`kind.${batch.kind}`)} · {t('toolbar.pageCount', { count: pageCount })}
        </span>
      </div>
      <span className="toolbar-hint muted">{t('toolbar.importHint')}</span>
      <button
        type="button"
        data-testid="close-batch-button"
        title={t('closeBatch.buttonLabel')}
        disabled={batch.state === 'closed' || importing}
        onClick={() => actions.openDialog('close-batch')}
      >
        {batch.state === 'closed' ? t('closeBatch.closed') : t('closeBatch.button')}
      </button>
      <button
        type="button"
        className="button-primary"
        data-testid="import-button"
        title={batch.state === 'closed' ? t('closedBatch.readOnly') : t('toolbar.importLabel')}
        disabled={importing || batch.state === 'closed'}
        onClick={() => importInput.current?.click()}
      >
        {t('toolbar.import')}
      </button>
      <input
        ref={importInput}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="import-input"
        onChange={(event) => {
          const files = Array.from(event.currentTarget.files ?? []);
          // Reset so picking the same files again fires another change.
          event.currentTarget.value = '';
          if (files.length > 0) void actions.importFiles(files);
        }}
      />
    </div>
  );
}
