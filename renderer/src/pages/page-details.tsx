import { stationTime } from '../../../shared/logic/station-time';
import type { PageDetail, PageSummary } from '../../../shared/contract';
import { flagTexts } from '../i18n/flag-text';
import { stepText } from '../i18n/step-text';
import { useT } from '../i18n/use-t';
import { baseName } from '../ui/file-name';

interface PageDetailsProps {
  readonly page: PageSummary;
  /** Null while `pages.get` is on its way; the summary fields show meanwhile. */
  readonly detail: PageDetail | null;
}

export function PageDetails({ page, detail }: PageDetailsProps) {
  const t = useT();
  const flags = flagTexts(t, page.flags);

  return (
    <aside className="viewer-details" data-testid="page-details" aria-label={t('details.title')}>
      <h3>{t('details.title')}</h3>
      <dl>
        <dt>{t('details.sourceFile')}</dt>
        <dd data-testid="detail-source-file" title={page.source.file}>
          {baseName(page.source.file)}
        </dd>
        <dt>{t('details.pageIndex')}</dt>
        {/* pageIndex counts from 0 in the core; clerks count pages from 1. */}
        <dd data-testid="detail-page-index">{t('details.pageIndexValue', { index: page.source.pageIndex + 1 })}</dd>
        <dt>{t('details.size')}</dt>
        <dd>{t('details.sizeValue', { width: page.width, height: page.height })}</dd>
        <dt>{t('details.dpi')}</dt>
        <dd>{page.dpi === null ? t('details.unknown') : t('details.dpiValue', { dpi: page.dpi })}</dd>
        {detail && (
          <>
            <dt>{t('details.sourceType')}</dt>
            <dd>{detail.sourceMime}</dd>
            <dt>{t('details.created')}</dt>
            <dd>{stationTime(detail.createdAt)}</dd>
          </>
        )}
        {flags.length > 0 && (
          <>
            <dt>{t('details.flags')}</dt>
            <dd>
              {flags.map((flag) => (
                <span key={flag.name} className="flag" title={flag.hint}>
                  {flag.label}
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      <h4>{t('details.steps')}</h4>
      {detail === null ? (
        <p className="muted">{t('details.loading')}</p>
      ) : detail.steps.length === 0 ? (
        <p className="muted">{t('details.noSteps')}</p>
      ) : (
        <ol className="step-list" data-testid="detail-steps">
          {detail.steps.map((step, i) => (
            <li key={i}>{stepText(t, step)}</li>
          ))}
        </ol>
      )}
    </aside>
  );
}

