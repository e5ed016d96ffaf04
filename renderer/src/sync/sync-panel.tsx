import { useEffect, useState } from 'react';
import { Dialog } from '../ui/dialog';
import type { FourChecksReport, TransferStatus } from '../../../shared/contract';
import { stationTime } from '../../../shared/logic/station-time';
import { callFailureText, oneLanguage } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { canPause, canResume, canRetry, formatBytes, percentDone } from './sync-view';
import { useActions, useDesk } from '../state/desk-context';
import { ChecksReport } from './checks-report';
import { useSyncStatus } from './use-sync-status';
import { useMay } from '../session/use-may';

/**
 * The transfer queue: each batch's way to the central archive, with pause, resume, retry and
 * its 四性检测 report. S (while it is open) goes to the sync settings (read-only for a clerk).
 */
export function SyncPanel() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const { status, error, pause, resume, retry, runNow, loadReport } = useSyncStatus();
  const [report, setReport] = useState<FourChecksReport | null>(null);
  const showReport = async (batchId: string) => setReport(await loadReport(batchId));
  // Pausing holds the station's only copy, and the target is the administrator's: a clerk sees neither control.
  const mayConfigure = useMay('sync.configure');

  // On the document, not the dialog: after a button inside went away (back from a report) the
  // focus is on the page, and S must still work.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement || event.target instanceof HTMLTextAreaElement;
      if (event.key.toLowerCase() !== 's' || typing || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      event.preventDefault();
      actions.openDialog('sync-settings');
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [actions]);

  const row = (x: TransferStatus) => (
    <tr key={x.batchId} data-testid="sync-row" data-state={x.state} data-paused={x.paused}>
      <td className="sync-batch" title={x.batchId}>{x.batchName}</td>
      <td>
        <span className={`sync-state sync-state-${x.state}`}>{t(`sync.state.${x.state}`)}</span>
        {x.paused && <span className="sync-paused"> · {t('sync.paused')}</span>}
        {x.error && (
          <div className="sync-error" data-testid="sync-error">
            {t('sync.error', { message: oneLanguage(x.error.message, language) ?? t(`sync.errorKind.${x.error.kind}`) })}
            {x.nextAttemptAt && x.state !== 'failed' && (
              <div className="muted">{t('sync.nextAttempt', { time: stationTime(x.nextAttemptAt).slice(11), attempts: x.attempts })}</div>
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
        {mayConfigure && canPause(x) && <button type="button" data-testid="sync-pause" onClick={() => pause(x.batchId)}>{t('sync.pause')}</button>}
        {mayConfigure && canResume(x) && <button type="button" data-testid="sync-resume" onClick={() => resume(x.batchId)}>{t('sync.resume')}</button>}
        {canRetry(x) && <button type="button" data-testid="sync-retry" onClick={() => retry(x.batchId)}>{t('sync.retry')}</button>}
        {x.checksOk !== null && <button type="button" data-testid="sync-report" onClick={() => void showReport(x.batchId)}>{t('sync.viewReport')}</button>}
      </td>
    </tr>
  );

  return (
    <Dialog title={t('sync.title')} testId="sync-panel" className="sync-panel" onClose={actions.close} closeLabel={t('sync.close')}>
      {error && <p className="sync-error" role="alert">{callFailureText(t, error, language)}</p>}
      {report ? (
        <>
          <ChecksReport report={report} />
          <div className="modal-actions">
            <button type="button" autoFocus onClick={() => setReport(null)}>{t('sync.back')}</button>
          </div>
        </>
      ) : !status ? (
        <p className="muted">{t('sync.loading')}</p>
      ) : (
        <>
          <div className="sync-head" data-testid="sync-target">
            <span>{status.target ? t('sync.target', { name: status.target.name, uri: status.target.uri }) : mayConfigure ? t('sync.noTarget') : t('roles.syncNoTarget')}</span>
            <span className="muted">
              {status.paused ? t('sync.pausedAll') : status.running ? t('sync.running') : t('sync.idle')}
              {' · '}
              {status.bandwidth > 0 ? t('sync.bandwidth', { rate: formatBytes(status.bandwidth) }) : t('sync.noLimit')}
            </span>
            <span className="sync-head-actions">
              {!mayConfigure ? null : status.paused ? (
                <button type="button" data-testid="sync-resume-all" onClick={() => resume()}>{t('sync.resumeAll')}</button>
              ) : (
                <button type="button" data-testid="sync-pause-all" onClick={() => pause()}>{t('sync.pauseAll')}</button>
              )}
              <button type="button" className="button-primary" disabled={!status.target || status.paused} onClick={runNow}>
                {t('sync.runNow')}
              </button>
              <button type="button" data-testid="sync-settings-open" title={t('sync.settingsOpenLabel')} onClick={() => actions.openDialog('sync-settings')}>
                {t('sync.settingsOpen')}
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
