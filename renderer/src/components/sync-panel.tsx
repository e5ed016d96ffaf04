import { Dialog } from './dialog';
import type { TransferStatus } from '../../../shared/contract';
import { callErrorText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { canPause, canResume, canRetry, formatBytes, percentDone } from '../logic/sync-view';
import { useActions } from '../state/desk-context';
import { useSyncStatus } from './use-sync-status';

/** The transfer queue: each batch's way to the central archive, with pause, resume and retry. */
export function SyncPanel() {
  const t = useT();
  const actions = useActions();
  const { status, error, pause, resume, retry, runNow } = useSyncStatus();

  const row = (x: TransferStatus) => (
    <tr key={x.batchId} data-testid="sync-row" data-state={x.state} data-paused={x.paused}>
      <td className="sync-batch" title={x.batchId}>{x.batchName}</td>
      <td>
        <span className={`sync-state sync-state-${x.state}`}>{t(`sync.state.${x.state}`)}</span>
        {x.paused && <span className="sync-paused"> · {t('sync.paused')}</span>}
        {x.error && (
          <div className="sync-error" data-testid="sync-error">
            {t('sync.error', { message: x.error.message })}
            {x.nextAttemptAt && x.state !== 'failed' && (
              <div className="muted">{t('sync.nextAttempt', { time: new Date(x.nextAttemptAt).toLocaleTimeString(), attempts: x.attempts })}</div>
            )}
          </div>
        )}
      </td>
      <td className="sync-progress">
        <progress max={100} value={percentDone(x)} aria-label={t('sync.progressLabel', { batch: x.batchName })} />
        <span className="muted">
          {t('sync.files', { done: x.filesDone, total: x.filesTotal })} · {formatBytes(x.bytesDone)} / {formatBytes(x.bytesTotal)}
        </span>
      </td>
      <td className="sync-actions">
        {canPause(x) && <button type="button" data-testid="sync-pause" onClick={() => pause(x.batchId)}>{t('sync.pause')}</button>}
        {canResume(x) && <button type="button" data-testid="sync-resume" onClick={() => resume(x.batchId)}>{t('sync.resume')}</button>}
        {canRetry(x) && <button type="button" data-testid="sync-retry" onClick={() => retry(x.batchId)}>{t('sync.retry')}</button>}
      </td>
    </tr>
  );

  return (
    <Dialog title={t('sync.title')} testId="sync-panel" className="sync-panel" onClose={actions.close} closeLabel={t('sync.close')}>
      {error && <p className="sync-error" role="alert">{callErrorText(t, error.code)}：{error.message}</p>}
      {!status ? (
        <p className="muted">{t('sync.loading')}</p>
      ) : (
        <>
          <div className="sync-head" data-testid="sync-target">
            <span>{status.target ? t('sync.target', { name: status.target.name, uri: status.target.uri }) : t('sync.noTarget')}</span>
            <span className="muted">
              {status.paused ? t('sync.pausedAll') : status.running ? t('sync.running') : t('sync.idle')}
              {' · '}
              {status.bandwidth > 0 ? t('sync.bandwidth', { rate: formatBytes(status.bandwidth) }) : t('sync.noLimit')}
            </span>
            <span className="sync-head-actions">
              {status.paused ? (
                <button type="button" data-testid="sync-resume-all" onClick={() => resume()}>{t('sync.resumeAll')}</button>
              ) : (
                <button type="button" data-testid="sync-pause-all" onClick={() => pause()}>{t('sync.pauseAll')}</button>
              )}
              <button type="button" className="button-primary" disabled={!status.target || status.paused} onClick={runNow}>
                {t('sync.runNow')}
              </button>
            </span>
          </div>
          {status.transfers.length === 0 ? (
            <p className="muted">{t('sync.empty')}</p>
          ) : (
            <table className="sync-table">
              <thead>
                <tr>
                  <th>{t('sync.col.batch')}</th>
                  <th>{t('sync.col.state')}</th>
                  <th>{t('sync.col.progress')}</th>
                  <th>{t('sync.col.actions')}</th>
                </tr>
              </thead>
              <tbody>{status.transfers.map(row)}</tbody>
            </table>
          )}
        </>
      )}
    </Dialog>
  );
}
