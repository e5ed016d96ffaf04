import type { KeyboardEvent } from 'react';
import type { StatsReport, StatsView } from '../../../shared/contract';
import { FIGURES, type FigureId } from '../../../shared/stats/figures';
import { formatFigure } from '../../../shared/stats/format-figure';
import { useSchemeNames } from '../i18n/use-scheme-names';
import { useDesk } from '../state/desk-context';
import { useT } from '../i18n/use-t';
import { groupedFigures, lineLabel } from './stats-logic';

/**
 * The numbers first: one row per figure, one column per line of the chosen split. Every value is
 * a button that opens the list behind it; ↑↓ move between figures in the same column.
 */
export function StatsFigureTable({ report, view, onOpen }: {
  readonly report: StatsReport;
  readonly view: StatsView;
  readonly onOpen: (figure: FigureId, key: string | null) => void;
}) {
  const t = useT();
  const english = useDesk((s) => s.language) === 'en';
  const businessName = useSchemeNames().business;
  const lines = report.views[view];
  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const cell = (e.target as HTMLElement).closest('td');
    const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>(`td[data-col="${cell?.dataset.col}"] button`)];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    if (at < 0) return;
    buttons[Math.min(buttons.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <table className="stats-table" data-testid="stats-table" onKeyDown={onKeyDown}>
      <thead>
        <tr>
          <th scope="col">{t('stats.view')}</th>
          {lines.map((l, col) => (
            <th scope="col" key={col} title={view === 'business' ? (l.key ?? undefined) : undefined}>{lineLabel(t, report, view, l.key, businessName)}</th>
          ))}
        </tr>
      </thead>
      {groupedFigures(view).map(({ group, figures }) => (
        <tbody key={group}>
          <tr className="stats-group"><th colSpan={lines.length + 1} scope="colgroup">{t(group === 'station' ? 'stats.group.station' : 'stats.group.backfile')}</th></tr>
          {figures.map((id) => (
            <tr key={id}>
              <th scope="row" title={english ? FIGURES[id].definition.en : FIGURES[id].definition.zh}>{english ? FIGURES[id].en : FIGURES[id].zh}</th>
              {lines.map((l, col) => (
                <td key={col} data-col={col}>
                  <button type="button" className="stats-value" data-testid="stats-figure" data-figure={id} data-key={l.key ?? ''} title={t('stats.open')} onClick={() => onOpen(id, l.key)}>
                    {formatFigure(id, l.values[id] ?? null)}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
