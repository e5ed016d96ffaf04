import type { FourChecksReport } from '../../../shared/contract';
import { useT } from '../i18n/use-t';

/**
 * A 四性检测 (DA/T 70) report: every check with its aspect, pass or fail and the reason, and the
 * first offending files or pages of a failed one. The messages come from the core in both
 * languages (中文 / English), as they travel in the transfer bag.
 */
export function ChecksReport({ report }: { readonly report: FourChecksReport }) {
  const t = useT();
  return (
    <section className="checks-report" data-testid="checks-report" data-ok={report.ok}>
      <h3>
        {t('checks.title')} · {t(`checks.stage.${report.stage}`)} ·{' '}
        <span className={report.ok ? 'check-pass' : 'check-fail'}>{report.ok ? t('checks.pass') : t('checks.fail')}</span>
      </h3>
      <p className="muted">{t('checks.meta', { time: new Date(report.at).toLocaleString(), operator: report.operator, station: report.station.name })}</p>
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
                <div>{check.message}</div>
                {!check.ok && check.subjects.length > 0 && (
                  <ul className="check-subjects">
                    {check.subjects.map((subject) => (
                      <li key={subject}>{subject}</li>
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
