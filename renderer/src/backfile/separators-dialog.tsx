import { useEffect, useState, type FormEvent } from 'react';
import type { Batch, BusinessTypeSummary, ResponseOf } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { splitWarnings, type SplitWarning } from './backfile-logic';
import { CallError, useCall } from './use-call';

type SplitResult = ResponseOf<'batches.split'>;
type Printed = ResponseOf<'sheets.print'> & { readonly count: number };

/**
 * Separator and cover sheets for the open batch (printed as one PDF), then the split of the
 * scanned batch at the sheets read back: the items made, and every page count that disagrees
 * with its sheet. K keeps or drops the sheet pages, D splits, wherever the focus is: the
 * fields here take digits, dates and choices, never those letters.
 */
export function SeparatorsDialog({ batch }: { readonly batch: Batch }) {
  const t = useT();
  const client = useClient();
  const actions = useActions();
  const pages = useDesk((s) => s.pages);
  const { error, busy, run, fail } = useCall();
  // The list of business types loads on its own: its call must not hold off K and D, which
  // a clerk presses as soon as the dialog is up.
  const { run: runTypes, error: typesError } = useCall();
  const [businessTypes, setBusinessTypes] = useState<readonly BusinessTypeSummary[]>([]);
  const [kind, setKind] = useState<'separator' | 'cover'>('separator');
  const [count, setCount] = useState('10');
  const [business, setBusiness] = useState('');
  const [businessDate, setBusinessDate] = useState('');
  const [expectedPages, setExpectedPages] = useState('');
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [keepSheets, setKeepSheets] = useState(false);
  const [split, setSplit] = useState<SplitResult | null>(null);

  useEffect(() => {
    void runTypes(async () => setBusinessTypes(await client.call('business.types', {})));
  }, [client, runTypes]);

  const print = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > 1000) return fail(new Error(t('backfile.sheets.countInvalid')));
    const pagesExpected = expectedPages.trim() === '' ? undefined : Number(expectedPages);
    const sheet = {
      ...(business ? { business } : {}),
      ...(businessDate.trim() ? { businessDate: businessDate.trim() } : {}),
      ...(pagesExpected !== undefined ? { expectedPages: pagesExpected } : {}),
    };
    const result = await run(() => client.call('sheets.print', { batchId: batch.id, kind, sheets: Array.from({ length: n }, () => sheet) }));
    if (result) setPrinted({ ...result, count: n });
  };

  const doSplit = async () => {
    const result = await run(() => client.call('batches.split', { batchId: batch.id, keepSheets }));
    if (result) setSplit(result);
  };

  // On the document, not the dialog: a click on the dialog's text leaves the focus on the page body.
  useEffect(() => {
    const onKeyDown = (e: globalThis.KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'k') {
        e.preventDefault();
        setKeepSheets((k) => !k);
      } else if (key === 'd') {
        e.preventDefault();
        // One split at a time; a print in flight finishes first.
        if (!busy) void doSplit();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });
  const seqOf = (pageId: string | null) => pages.find((p) => p.id === pageId)?.seq ?? '?';
  const warningText = ({ problem }: SplitWarning) => {
    switch (problem.kind) {
      case 'leading_pages':
        return t('backfile.split.leadingPages');
      case 'repeated_key':
        return t('backfile.split.repeatedKey');
      case 'page_count':
        return problem.missedSeparatorBefore
          ? t('backfile.split.pageCountMissed', { expected: problem.expected, actual: problem.actual, seq: seqOf(problem.missedSeparatorBefore) })
          : t('backfile.split.pageCount', { expected: problem.expected, actual: problem.actual });
    }
  };
  const warnings = split ? splitWarnings(split) : [];

  return (
    <Dialog title={t('backfile.sheets.title', { batch: batch.name })} testId="separators-dialog" className="backfile-dialog" onClose={actions.close} closeLabel={t('backfile.close')}>
      <CallError error={error ?? typesError} />
      <form className="backfile-section" onSubmit={(e) => void print(e)} noValidate>
        <h3>{t('backfile.sheets.print')}</h3>
        <div className="backfile-row">
          <label className="field">
            <span className="field-label">{t('backfile.sheets.kind')}</span>
            <select data-testid="sheet-kind" value={kind} onChange={(e) => setKind(e.target.value === 'cover' ? 'cover' : 'separator')} autoFocus>
              <option value="separator">{t('backfile.sheets.separator')}</option>
              <option value="cover">{t('backfile.sheets.cover')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('backfile.sheets.count')}</span>
            <input data-testid="sheet-count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('backfile.sheets.business')}</span>
            <select data-testid="sheet-business" value={business} onChange={(e) => setBusiness(e.target.value)}>
              <option value="">{t('backfile.sheets.anyBusiness')}</option>
              {businessTypes.map((b) => (
                <option key={b.code} value={b.code}>
                  {b.className} · {b.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('backfile.sheets.date')}</span>
            <input data-testid="sheet-date" value={businessDate} placeholder="2003-05-06" onChange={(e) => setBusinessDate(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('backfile.sheets.expectedPages')}</span>
            <input data-testid="sheet-pages" inputMode="numeric" value={expectedPages} onChange={(e) => setExpectedPages(e.target.value)} />
          </label>
        </div>
        <div className="modal-actions">
          <button type="submit" className="button-primary" disabled={busy} data-testid="sheets-print">
            {t('backfile.sheets.printButton')}
          </button>
        </div>
        {printed && (
          <p role="status" data-testid="sheets-printed">
            {t('backfile.sheets.printed', { count: printed.count })}{' '}
            <a href={client.blobUrl(printed.pdfSha256)} download={`${t('backfile.sheets.fileName')}-${batch.name}.pdf`} target="_blank" rel="noopener noreferrer" data-testid="sheets-pdf">
              {t('backfile.sheets.open')}
            </a>
          </p>
        )}
      </form>

      <section className="backfile-section">
        <h3>{t('backfile.split.title')}</h3>
        <p className="muted">{t('backfile.split.hint')}</p>
        <label className="radio">
          <input type="checkbox" data-testid="split-keep" checked={keepSheets} onChange={(e) => setKeepSheets(e.target.checked)} />
          {t('backfile.split.keepSheets')}
        </label>
        <div className="modal-actions">
          <button type="button" className="button-primary" disabled={busy} onClick={() => void doSplit()} data-testid="split-run">
            {busy ? t('backfile.working') : t('backfile.split.run')}
          </button>
        </div>
        {split && (
          <div data-testid="split-result">
            <p role="status">{t('backfile.split.summary', { items: split.items.length, empty: split.emptySheets.length, unread: split.unread })}</p>
            {warnings.length > 0 && (
              <ul className="backfile-warnings" data-testid="split-warnings">
                {warnings.map((w, i) => (
                  <li key={i}>
                    <code>{w.key ?? '—'}</code> {warningText(w)}
                  </li>
                ))}
              </ul>
            )}
            <table className="backfile-table">
              <thead>
                <tr>
                  <th>{t('backfile.split.col.key')}</th>
                  <th>{t('backfile.split.col.business')}</th>
                  <th>{t('backfile.split.col.pages')}</th>
                  <th>{t('backfile.split.col.sheetPages')}</th>
                </tr>
              </thead>
              <tbody>
                {split.items.map((item) => (
                  <tr key={item.item} data-testid="split-item" data-problems={item.problems.length}>
                    <td><code>{item.key ?? '—'}</code></td>
                    <td>{businessTypes.find((b) => b.code === item.business)?.name ?? item.business ?? t('backfile.split.unclassified')}</td>
                    <td>{item.pages}</td>
                    <td>{item.sheetPages}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Dialog>
  );
}
