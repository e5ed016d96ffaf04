import { Dialog } from '../ui/dialog';
import { OcrEngineName } from '../../../shared/contract';
import { callFailureText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';
import { batchProgress } from './ocr-view';
import { useOcrQueue } from './use-ocr-queue';

/** The OCR queue: totals, each batch's progress (counter batches first), cancel and resume, the engine. */
export function OcrQueueDialog() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const { status, error, cancel, resume, setEngine } = useOcrQueue();

  return (
    <Dialog title={t('ocr.queue.title')} testId="ocr-queue" className="ocr-queue" onClose={actions.close} closeLabel={t('ocr.queue.close')}>
      {error && <p className="ocr-error" role="alert">{callFailureText(t, error, language)}</p>}
      {!status ? (
        <p className="muted">{t('ocr.queue.loading')}</p>
      ) : (
        <>
          <p data-testid="ocr-queue-totals">{t('ocr.queue.totals', status)}</p>
          <p className="muted">
            {t('ocr.queue.workers', { workers: status.workers })}{' '}
            <select
              aria-label={t('ocr.queue.workers', { workers: status.workers })}
              value={status.defaultEngine}
              onChange={(e) => setEngine(OcrEngineName.parse(e.target.value))}
            >
              {OcrEngineName.options.map((engine) => (
                <option key={engine} value={engine}>
                  {t(`ocr.engine.${engine}`)}
                </option>
              ))}
            </select>
          </p>
          <p className="muted">{t('ocr.queue.counterFirst')}</p>
          {status.batches.length === 0 ? (
            <p className="muted">{t('ocr.queue.empty')}</p>
          ) : (
            <table className="ocr-queue-table">
              <thead>
                <tr>
                  <th>{t('ocr.queue.batch')}</th>
                  <th>{t('ocr.queue.kind')}</th>
                  <th>{t('ocr.queue.progress')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {status.batches.map((b) => {
                  const progress = batchProgress(b);
                  const open = b.queued + b.running > 0;
                  return (
                    <tr key={b.batchId} data-testid="ocr-queue-row" data-batch={b.batchId}>
                      <td>{b.name}</td>
                      <td>{t(`kind.${b.kind}`)}</td>
                      <td>
                        <progress max={100} value={progress.percent} aria-label={t('ocr.queue.progressLabel', { batch: b.name })} />
                        <span className="muted" data-testid="ocr-queue-progress">
                          {' '}
                          {t('ocr.queue.progressValue', { done: progress.done, total: progress.total })}
                          {b.failed > 0 && <> · {t('ocr.queue.failedCount', { failed: b.failed })}</>}
                        </span>
                      </td>
                      <td>
                        {open ? (
                          <button type="button" onClick={() => cancel(b.batchId)}>{t('ocr.queue.cancel')}</button>
                        ) : (
                          progress.done < progress.total || b.failed > 0 ? (
                            <button type="button" onClick={() => resume(b.batchId)}>{t('ocr.queue.resume')}</button>
                          ) : null
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </Dialog>
  );
}
