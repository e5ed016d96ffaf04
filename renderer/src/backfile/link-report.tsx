import type { ResponseOf } from '../../../shared/contract';
import { fileErrorText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';

type Linked = ResponseOf<'catalogue.link'>;

/**
 * What a link run did: rows linked, and the leftovers on both sides side by side — catalogue rows
 * no file matched, files no row matched — plus rows refused and keys carried by several rows.
 */
export function LinkReport({ report }: { readonly report: Linked }) {
  const t = useT();
  return (
    <section className="backfile-section" data-testid="link-report">
      <h3>{t('backfile.link.title')}</h3>
      <p role="status" data-testid="link-summary">
        {t('backfile.link.summary', {
          linked: report.linked.length,
          pages: report.linked.reduce((n, l) => n + l.pages, 0),
          rows: report.unmatchedRows.length,
          files: report.unmatchedFiles.length,
        })}
      </p>
      <div className="backfile-sides">
        <div>
          <h4>{t('backfile.link.unmatchedRows')}</h4>
          {report.unmatchedRows.length === 0 ? (
            <p className="muted">{t('backfile.link.none')}</p>
          ) : (
            <ul data-testid="unmatched-rows">
              {report.unmatchedRows.map((r) => (
                <li key={r.rowNo}>
                  {t('backfile.link.row', { row: r.rowNo })} <code>{r.key ?? t('backfile.link.noKey')}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4>{t('backfile.link.unmatchedFiles')}</h4>
          {report.unmatchedFiles.length === 0 ? (
            <p className="muted">{t('backfile.link.none')}</p>
          ) : (
            <ul data-testid="unmatched-files">
              {report.unmatchedFiles.map((f) => (
                <li key={f}>
                  <code>{f}</code>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {report.refusedRows.length > 0 && (
        <>
          <h4>{t('backfile.link.refused')}</h4>
          <ul className="backfile-warnings" data-testid="refused-rows">
            {report.refusedRows.map((r) => (
              <li key={r.rowNo}>
                {t('backfile.link.row', { row: r.rowNo })}：{r.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.duplicateKeys.length > 0 && (
        <p className="backfile-warnings" data-testid="duplicate-keys">
          {t('backfile.link.duplicates', { keys: report.duplicateKeys.join('、') })}
        </p>
      )}
      {report.importErrors.length > 0 && (
        <ul className="backfile-warnings" data-testid="link-import-errors">
          {report.importErrors.map((e) => (
            <li key={e.file}>
              <code>{e.file}</code>：{fileErrorText(t, e.error.code)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
