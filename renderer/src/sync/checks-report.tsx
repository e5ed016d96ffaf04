import type { FourChecksReport } from '../../../shared/contract';
import { stationTime } from '../../../shared/logic/station-time';
import { useT } from '../i18n/use-t';
import { useDesk } from '../state/desk-context';
import { checkFindings, checkMessage } from './check-text';

/**
 * A 四性检测 (DA/T 70) report: every check with its aspect, pass or fail and the reason, and the
 * first offending files or pages of a failed one, in the clerk's language only (the report in
 * the transfer bag carries both).
 */
export function ChecksReport({ report }: { readonly report: FourChecksReport }) {
  const t = useT();
  const language = useDesk((s) => s.language);
  return (
    <section className="checks-report" data-testid="checks-report" data-ok={report.ok}>
      <h3>
        {t('checks.title')} · {t(`checks.stage.${report.stage}`)} ·{' '}
        <span className={report.ok ? 'check-pass' : 'check-fail'}>{report.ok ? t('checks.pass') : t('checks.fail')}</span>
      </h3>
      <p className="muted">{t('checks.meta', { time: stationTime(report.at), operator: report.operator, station: report.station.name })}</p>
      <table className="checks-table">
        <thead>
          <tr>
            <th scope="col">{t('checks.col.aspect')}</th>
            <th scope="col">{t('checks.col.result')}</th>
            <th scope="col">{t('checks.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {report.checks.map((check) => (
            <tr key={check.id} data-testid="check-row" data-check={check.id} data-ok={check.ok}>
              <td>{t(`checks.aspect.${check.aspect}`)}</td>
              <td className={check.ok ? 'check-pass' : 'check-fail'}>{check.ok ? `✓ ${t('checks.pass')}` : `✗ ${t('checks.fail')}`}</td>
              <td>
                <div>{checkMessage(check, language)}</div>
                {!check.ok && check.subjects.length > 0 && (
                  <ul className="check-subjects">
                    {checkFindings(check, language).map((finding, i) => (
                      <li key={i}>{finding}</li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
