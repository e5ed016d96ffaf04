import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';
import { baseName } from '../ui/file-name';

/** Progress while uploading/importing, then a one-line summary until dismissed. */
export function ImportProgressBar({ batchId }: { readonly batchId: string }) {
  const t = useT();
  const actions = useActions();
  const progress = useDesk((s) => s.progress[batchId]);
  if (!progress) return null;

  if (progress.phase === 'finished') {
    return (
      <div className="import-summary" role="status" data-testid="import-summary">
        <span>
          {t('progress.finished', {
            imported: progress.imported,
            duplicates: progress.duplicates,
            rejected: progress.rejected,
          })}
        </span>
        <button type="button" className="button-quiet" onClick={() => actions.dismissProgress(batchId)}>
          {t('progress.dismiss')}
        </button>
      </div>
    );
  }
  const label = t(progress.phase === 'uploading' ? 'progress.uploading' : 'progress.importing', {
    done: progress.done,
    total: progress.total,
  });
  return (
    <div className="import-progress" role="status" data-testid="import-progress">
      <div className="import-progress-text">
        <span className="import-progress-count">{label}</span>
        {progress.currentFile && (
          <span className="import-progress-file" title={progress.currentFile}>
            {t('progress.current', { file: baseName(progress.currentFile) })}
          </span>
        )}
      </div>
      <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={t('progress.label')} />
    </div>
  );
}
