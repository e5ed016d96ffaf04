import type { StatsList } from '../../../shared/contract';
import { FIGURES } from '../../../shared/stats/figures';
import { useDesk } from '../state/desk-context';
import { useT } from '../i18n/use-t';
import { useSchemeNames } from '../i18n/use-scheme-names';

/** The facts behind one figure: records, who and when — the core sends no personal data here. */
export function StatsFactList({ list, onBack }: { readonly list: StatsList; readonly onBack: () => void }) {
  const t = useT();
  const english = useDesk((s) => s.language) === 'en';
  const figure = english ? FIGURES[list.figure].en : FIGURES[list.figure].zh;
  const businessName = useSchemeNames().business;
  const withSeconds = list.facts.some((f) => f.seconds !== null);
  return (
    <section data-testid="stats-list" onKeyDown={(e) => e.key === 'Backspace' && (e.preventDefault(), onBack())}>
      <div className="stats-list-head">
        <h3>{t('stats.list.title', { figure })}</h3>
        <button type="button" autoFocus onClick={onBack}>{t('stats.list.back')}</button>
      </div>
      {list.facts.length === 0 ? (
        <p className="muted">{t('stats.list.empty')}</p>
      ) : (
        <table className="stats-table">
          <thead>
            <tr>
              <th scope="col">{t('stats.list.label')}</th>
              <th scope="col">{t('stats.list.clerk')}</th>
              <th scope="col">{t('stats.list.business')}</th>
              <th scope="col">{t('stats.list.at')}</th>
              {withSeconds && <th scope="col">{t('stats.list.seconds')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.facts.map((f) => (
              <tr key={`${f.kind}:${f.id}`} data-testid="stats-fact">
                <td>{f.label}</td>
                <td>{f.clerk ?? '—'}</td>
                <td title={f.business ?? undefined} data-testid="stats-fact-business">{f.business ? businessName(f.business) : '—'}</td>
                <td>{f.at ? new Date(f.at).toLocaleString(english ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai' }) : '—'}</td>
                {withSeconds && <td>{f.seconds ?? '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.truncated && <p className="muted">{t('stats.list.truncated', { count: list.facts.length })}</p>}
    </section>
  );
}
