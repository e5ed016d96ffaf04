import { useCallback, useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import type { Batch, ResponseOf } from '../../../shared/contract';
import { isQcReason } from '../../../shared/filing/review';
import { fileErrorLine } from '../i18n/error-text';
import { useLanguage, useT } from '../i18n/use-t';
import type { ImportOutcome } from '../api/desk-client';
import { useClient, useDesk } from '../state/desk-context';
import { CallError, useCall } from './use-call';

type Rescan = ResponseOf<'rescans.list'>[number];

/**
 * The batch's rescan list: each rejected page with its reason. ↑↓ pick a request, I imports the
 * rescanned file, which then takes the rejected page's place (the rejected page is kept in the trash).
 */
export function QcRescans({ batch }: { readonly batch: Batch }) {
  const t = useT();
  const language = useLanguage();
  const client = useClient();
  const pages = useDesk((s) => s.pages);
  const { error, busy, run, fail } = useCall();
  const [list, setList] = useState<readonly Rescan[] | null>(null);
  const [index, setIndex] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const table = useRef<HTMLTableElement>(null);

  const reload = useCallback(async () => {
    const value = await run(() => client.call('rescans.list', { batchId: batch.id }));
    if (value) setList(value);
  }, [batch.id, client, run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // The list takes the keyboard as soon as it is there (and again after a replacement).
  useEffect(() => {
    if (list?.length) table.current?.focus();
  }, [list]);

  const selected = list?.[index];
  const replace = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (!selected || files.length === 0) return;
    const outcome = await run(() => client.importFiles(batch.id, files));
    if (!outcome) return;
    const document = outcome.result?.imported[0]?.documentId;
    if (!document) return fail(outcome.error ?? new Error(t('backfile.rescan.notImported', { reason: notImportedReason(outcome) })));
    const fresh = (await run(() => client.call('pages.list', { batchId: batch.id })))?.find((p) => p.documentId === document);
    if (!fresh) return;
    if (await run(() => client.call('rescans.replace', { oldPageId: selected.page, newPageId: fresh.id }))) await reload();
  };
  /** Why the rescanned file did not come in, in the clerk's language (the core says it in both). */
  const notImportedReason = (outcome: ImportOutcome): string => {
    if (outcome.result?.duplicates.length) return t('backfile.rescan.duplicate');
    const refused = outcome.result?.rejected[0]?.error ?? outcome.failures[0];
    return refused ? fileErrorLine(t, refused, language) : '';
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!list || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex((i) => Math.min(Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)), Math.max(0, list.length - 1)));
    } else if (e.key.toLowerCase() === 'i' && selected?.state === 'open' && !busy) {
      e.preventDefault();
      fileInput.current?.click();
    }
  };
  const reasonText = (reason: string) => (isQcReason(reason) ? t(`backfile.qc.reason.${reason}`) : reason);
  const pageOf = (pageId: string) => pages.find((p) => p.id === pageId);

  return (
    <section className="backfile-section" data-testid="qc-rescans">
      <h3>{t('backfile.rescan.title')}</h3>
      <CallError error={error} />
      <input ref={fileInput} type="file" hidden accept="image/*,application/pdf,.tif,.tiff" onChange={(e) => void replace(e)} data-testid="rescan-input" />
      {list === null ? (
        <p className="muted">{t('backfile.working')}</p>
      ) : list.length === 0 ? (
        <p className="muted" data-testid="rescans-empty">{t('backfile.rescan.empty')}</p>
      ) : (
        <>
          <p className="muted">{t('backfile.rescan.hint')}</p>
          <table className="backfile-table" ref={table} tabIndex={0} onKeyDown={onKeyDown} aria-label={t('backfile.rescan.title')}>
            <thead>
              <tr>
                <th>{t('backfile.rescan.col.page')}</th>
                <th>{t('backfile.rescan.col.reason')}</th>
                <th>{t('backfile.rescan.col.note')}</th>
                <th>{t('backfile.rescan.col.state')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((r, i) => (
                <tr key={r.id} className={i === index ? 'selected' : undefined} data-testid="rescan-row" data-state={r.state} onMouseDown={() => setIndex(i)}>
                  <td>
                    {/* A replaced page is in the trash, no longer among the batch's pages: its id stands in. */}
                    {pageOf(r.page) ? (
                      <>
                        <img className="backfile-thumb" src={client.blobUrl(pageOf(r.page)!.thumbSha256)} alt="" />
                        {t('backfile.rescan.pageSeq', { seq: pageOf(r.page)!.seq })}
                      </>
                    ) : (
                      <code>{r.page}</code>
                    )}
                  </td>
                  <td>{reasonText(r.reason)}</td>
                  <td>{r.note}</td>
                  <td>{r.state === 'open' ? t('backfile.rescan.open') : t('backfile.rescan.done')}</td>
                  <td>
                    {r.state === 'open' && (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => {
                          setIndex(i);
                          fileInput.current?.click();
                        }}
                      >
                        {t('backfile.rescan.replace')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
