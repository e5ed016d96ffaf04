import { useState, type FormEvent } from 'react';
import type { CloseBatchResult } from '../../../shared/contract';
import { callProblem, isDeskCallError, type CallProblem } from '../api/call-error';
import { callFailureText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { currentBatch } from '../state/desk-store';
import { ChecksReport } from './checks-report';
import { Dialog } from '../ui/dialog';

type Phase =
  | { readonly kind: 'confirm' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly result: CloseBatchResult }
  | { readonly kind: 'error'; readonly error: CallProblem }
  /** Pages belong to no item: listed; a backfile batch may go on by a recorded reason, a counter batch not. */
  | { readonly kind: 'loose'; readonly seqs: readonly number[]; readonly decisionAllowed: boolean };

/** The core's refusal to close over loose pages, read from its details. */
function looseRefusal(err: unknown): { seqs: number[]; decisionAllowed: boolean } | null {
  if (!isDeskCallError(err) || err.code !== 'conflict') return null;
  const details = err.details as { loose?: Array<{ seq: number }>; decisionAllowed?: boolean } | undefined;
  return details?.loose?.length ? { seqs: details.loose.map((p) => p.seq), decisionAllowed: details.decisionAllowed === true } : null;
}

/**
 * Close the current batch (W): say what closing means, run 四性检测 on Enter, show the report.
 * The core queues the batch for transfer only when every check passed; a failing batch stays
 * open, and its report stays viewable in the sync view.
 */
export function CloseBatchDialog() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const client = useClient();
  const batch = useDesk(currentBatch);
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' });
  const [looseReason, setLooseReason] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.kind === 'done') return actions.close();
    if (phase.kind === 'running' || !batch) return;
    if (phase.kind === 'loose' && !(phase.decisionAllowed && looseReason.trim() !== '')) return actions.close();
    const reason = phase.kind === 'loose' ? looseReason.trim() : '';
    setPhase({ kind: 'running' });
    try {
      setPhase({ kind: 'done', result: await client.call('batches.close', { id: batch.id, ...(reason ? { looseReason: reason } : {}) }) });
    } catch (err) {
      const loose = looseRefusal(err);
      setPhase(loose ? { kind: 'loose', ...loose } : { kind: 'error', error: callProblem(err) });
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
          {callFailureText(t, phase.error, language)}
        </p>
      )}
      {phase.kind === 'loose' && (
        <div data-testid="close-batch-loose">
          <p className="sync-error" role="alert">
            {t(phase.decisionAllowed ? 'closeBatch.looseBackfile' : 'closeBatch.looseCounter', { pages: phase.seqs.join('、') })}
          </p>
          {phase.decisionAllowed && (
            <label className="field">
              <span className="field-label">{t('closeBatch.looseReason')}</span>
              <input data-testid="close-batch-loose-reason" value={looseReason} onChange={(e) => setLooseReason(e.target.value)} autoFocus />
            </label>
          )}
        </div>
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
        ) : phase.kind === 'loose' ? (
          <button key="loose" type="submit" className="button-primary" data-testid="close-batch-loose-submit" autoFocus={!phase.decisionAllowed}>
            {t(phase.decisionAllowed ? 'closeBatch.looseAccept' : 'closeBatch.done')}
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
