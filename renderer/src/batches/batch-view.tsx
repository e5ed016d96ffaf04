import { useCallback, type RefObject } from 'react';
import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';
import { currentBatch } from '../state/desk-store';
import { PageEditBar } from '../pages/page-edit-bar';
import { BatchToolbar } from './batch-toolbar';
import { ImportErrorList } from '../import/import-error-list';
import { ImportProgressBar } from '../import/import-progress-bar';
import { ScanBar } from '../capture/scan-bar';
import { ThumbnailGrid } from '../pages/thumbnail-grid';
import { useFileDrop } from '../ui/use-file-drop';
import { HomeScreen } from '../home/home-screen';

interface BatchViewProps {
  readonly importInput: RefObject<HTMLInputElement | null>;
}

/** The open batch: toolbar, import feedback and thumbnails; the whole area takes file drops. */
export function BatchView({ importInput }: BatchViewProps) {
  const t = useT();
  const actions = useActions();
  const batch = useDesk(currentBatch);
  const onFiles = useCallback((files: File[]) => void actions.importFiles(files), [actions]);
  const { dragging, handlers } = useFileDrop(onFiles);

  if (!batch) return <HomeScreen />;
  return (
    <main className="batch-view" data-testid="drop-zone" {...handlers}>
      <BatchToolbar batch={batch} importInput={importInput} />
      <ScanBar batch={batch} />
      <PageEditBar />
      <ImportProgressBar batchId={batch.id} />
      <ImportErrorList />
      <ThumbnailGrid />
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          <span>{t('drop.overlay', { batch: batch.name })}</span>
        </div>
      )}
    </main>
  );
}
