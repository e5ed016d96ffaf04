import { useEffect, useState, type FormEvent } from 'react';
import type { Batch, FilingItem, ResponseOf } from '../../../shared/contract';
import type { QcReason } from '../../../shared/filing/review';
import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import { useActions, useClient } from '../state/desk-context';
import { formatPercent, parsePercent } from './backfile-logic';
import { QcJudge } from './qc-judge';
import { QcRescans } from './qc-rescans';
import { CallError, useCall } from './use-call';
import { useMay } from '../session/use-may';
import { ReadOnlyNote } from '../session/read-only-note';

type Sample = ResponseOf<'qc.get'>;
type View = 'loading' | 'setup' | 'judge' | 'decide' | 'rescans';

/**
 * 质检 of the open batch: draw a sample (≥ 5 %), judge its pages by single keys, decide the batch
 * (the pass rate decides; the inspector gives the reason), and follow the rescans it sends back.
 * An open sample is taken up again where it was left.
 */
export function QcDialog({ batch }: { readonly batch: Batch }) {
  const t = useT();
  const client = useClient();
  const actions = useActions();
  const { error, busy, run, fail } = useCall();
  // Sampling, judging and deciding are the inspector's: anyone else sees the outcome and a line saying so.
  const mayDecide = useMay('qc.decide');
  const [view, setView] = useState<View>('loading');
  const [sample, setSample] = useState<Sample | null>(null);
  const [items, setItems] = useState<readonly FilingItem[]>([]);
  const [rate, setRate] = useState('5');
  const [passRate, setPassRate] = useState('95');
  const [note, setNote] = useState('');

  useEffect(() => {
    void run(async () => {
      const [samples, list] = await Promise.all([client.call('qc.list', { batchId: batch.id }), client.call('items.list', { batchId: batch.id })]);
      setItems(list);
      const open = samples.find((s) => s.state === 'open');
      setSample(open ?? samples[0] ?? null);
      setView(open ? 'judge' : 'setup');
    });
  }, [batch.id, client, run]);

  const draw = async (e: FormEvent) => {
    e.preventDefault();
    const r = parsePercent(rate);
    const p = parsePercent(passRate, 1);
    if (r === null || p === null) return fail(new Error(t('backfile.qc.rateInvalid')));
    const drawn = await run(() => client.call('qc.sample', { batchId: batch.id, rate: r, requiredPassRate: p }));
    if (drawn) {
      setSample(drawn);
      setView('judge');
    }
  };
  const judge = async (pageId: string, verdict: 'pass' | 'fail', reason?: QcReason) => {
    if (!sample) return undefined;
    const next = await run(() => client.call('qc.judge', { sampleId: sample.id, pageId, verdict, ...(reason ? { reason } : {}) }));
    if (next) setSample(next);
    return next;
  };
  const decide = async (e: FormEvent) => {
    e.preventDefault();
    if (!sample) return;
    if (!sample.result.accepted && note.trim() === '') return fail(new Error(t('backfile.qc.noteRequired')));
    const decided = await run(() => client.call('qc.decide', { sampleId: sample.id, ...(note.trim() ? { note: note.trim() } : {}) }));
    if (decided) {
      setSample(decided);
      setView('rescans');
    }
  };
  const open = sample && sample.state === 'open' ? sample.pages.filter((p) => p.verdict === null).length : 0;

  return (
    <Dialog title={t('backfile.qc.title', { batch: batch.name })} testId="qc-dialog" className="backfile-dialog backfile-wide" onClose={actions.close} closeLabel={t('backfile.close')}>
      <CallError error={error} />
      {!mayDecide && <ReadOnlyNote text={t('roles.qcReadOnly')} />}
      {sample && sample.state !== 'open' && (
        <p role="status" data-testid="qc-outcome" data-state={sample.state}>
          {t(sample.state === 'accepted' ? 'backfile.qc.accepted' : 'backfile.qc.rejected', { rate: formatPercent(sample.result.passRate), required: formatPercent(sample.requiredPassRate), note: sample.note ?? '' })}
        </p>
      )}
      {mayDecide && view === 'setup' && (
        <form className="backfile-section" onSubmit={(e) => void draw(e)} noValidate data-testid="qc-setup">
          <h3>{t('backfile.qc.setup', { pages: batch.pageCount })}</h3>
          <div className="backfile-row">
            <label className="field">
              <span className="field-label">{t('backfile.qc.rate')}</span>
              <input data-testid="qc-rate" value={rate} inputMode="decimal" onChange={(e) => setRate(e.target.value)} autoFocus />
            </label>
            <label className="field">
              <span className="field-label">{t('backfile.qc.passRate')}</span>
              <input data-testid="qc-pass-rate" value={passRate} inputMode="decimal" onChange={(e) => setPassRate(e.target.value)} />
            </label>
          </div>
          <div className="modal-actions">
            <button type="button" onClick={() => setView('rescans')} data-testid="qc-show-rescans">
              {t('backfile.qc.rescansButton')}
            </button>
            <button type="submit" className="button-primary" disabled={busy} data-testid="qc-draw">
              {t('backfile.qc.draw')}
            </button>
          </div>
        </form>
      )}
      {mayDecide && view === 'judge' && sample && (
        <QcJudge sample={sample} items={items} busy={busy} onJudge={judge} onDecide={() => setView('decide')} onRescans={() => setView('rescans')} />
      )}
      {mayDecide && view === 'decide' && sample && (
        <form className="backfile-section" onSubmit={(e) => void decide(e)} noValidate data-testid="qc-decide">
          <h3>{t('backfile.qc.decideTitle')}</h3>
          {open > 0 ? (
            <p className="field-error">{t('backfile.qc.stillOpen', { count: open })}</p>
          ) : (
            <p role="status" data-testid="qc-proposal" data-accepted={sample.result.accepted}>
              {t(sample.result.accepted ? 'backfile.qc.willAccept' : 'backfile.qc.willReject', { rate: formatPercent(sample.result.passRate), required: formatPercent(sample.requiredPassRate) })}
            </p>
          )}
          <label className="field">
            <span className="field-label">{t('backfile.qc.note')}</span>
            <input data-testid="qc-note" value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
          </label>
          <div className="modal-actions">
            <button type="button" onClick={() => setView('judge')}>
              {t('backfile.qc.back')}
            </button>
            <button type="submit" className="button-primary" disabled={busy || open > 0} data-testid="qc-confirm">
              {sample.result.accepted ? t('backfile.qc.accept') : t('backfile.qc.reject')}
            </button>
          </div>
        </form>
      )}
      {mayDecide && view === 'rescans' && (
        <>
          <QcRescans batch={batch} />
          <div className="modal-actions">
            {sample?.state === 'open' ? (
              <button type="button" onClick={() => setView('judge')}>
                {t('backfile.qc.back')}
              </button>
            ) : (
              <button type="button" onClick={() => setView('setup')} data-testid="qc-new-sample">
                {t('backfile.qc.newSample')}
              </button>
            )}
          </div>
        </>
      )}
    </Dialog>
  );
}
