import { useState, type FormEvent } from 'react';
import type { CloseBatchResult } from '../../../shared/contract';
import { callProblem, type CallProblem } from '../api/call-error';
import { callErrorText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { currentBatch } from '../state/desk-store';
import { ChecksReport } from './checks-report';
import { Dialog } from '../ui/dialog';

type Phase =
  | { readonly kind: 'confirm' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: CloseBatchResult }
  | { readonly kind: 'error'; readonly error: CallProblem };

/**
 * Close the current batch (W): say what closing means, run 四性检测 on Enter, show the report.
 * The core queues the batch for transfer only when every check passed; a failing batch stays
 * open, and its report stays viewable in the sync view.
 */
export function CloseBatchDialog() {
  const t = useT();
  const actions = useActions();
  const client = useClient();
  const batch = useDesk(currentBatch);
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.kind === 'done') return actions.close();
    if (phase.kind === 'running' || !batch) return;
    setPhase({ kind: 'running' });
    try {
      setPhase({ kind: 'done', result: await client.call('batches.close', { id: batch.id }) });
    } catch (err) {
      setPhase({ kind: 'error', error: callProblem(err) });
    }
  };

  const passed = phase.kind === 'done' && phase.result.report.ok;
  return (
    <Dialog
      title={t('closeBatch.title', { batch: batch?.name ?? '' })}
      testId="close-batch-dialog"
      className="close-batch-dialog"
      onClose={actions.close}
      closeLabel={t('closeBatch.close')}
      onSubmit={(e) => void submit(e)}
    >
      {phase.kind === 'confirm' && <p>{t('closeBatch.explain')}</p>}
      {phase.kind === 'running' && (
        <p role="status" className="muted">
          {t('closeBatch.running')}
        </p>
      )}
      {phase.kind === 'error' && (
        <p className="sync-error" role="alert">
          {callErrorText(t, phase.error.code)}：{phase.error.message}
        </p>
      )}
      {phase.kind === 'done' && (
        <>
          <p role="status" data-testid="close-batch-outcome" className={passed ? 'check-pass' : 'check-fail'}>
            {passed ? t('closeBatch.passed') : t('closeBatch.failed')}
          </p>
          <ChecksReport report={phase.result.report} />
        </>
      )}
      <div className="modal-actions">
        {/* Keyed by phase: each phase's button is a new element and takes the focus, so Enter goes on (or closes). */}
        {phase.kind === 'done' ? (
          <button key="done" type="submit" className="button-primary" data-testid="close-batch-done" autoFocus>
            {t('closeBatch.done')}
          </button>
        ) : (
          <button key={phase.kind} type="submit" className="button-primary" data-testid="close-batch-start" disabled={phase.kind === 'running' || !batch} autoFocus>
            {t('closeBatch.start')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
