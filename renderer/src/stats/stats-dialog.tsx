import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { STATS_VIEWS, type StatsList, type StatsReport, type StatsView } from '../../../shared/contract';
import type { FigureId } from '../../../shared/stats/figures';
import { VIEW_NAMES } from '../../../shared/stats/stats-table';
import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import { reportError } from '../state/action-context';
import { useActions, useClient, useDesk, useDeskStore } from '../state/desk-context';
import { StatsChart } from './stats-chart';
import { StatsFactList } from './stats-fact-list';
import { StatsFigureTable } from './stats-figure-table';
import { daySeries, PRESET_KEYS, PRESETS, queryOf, saveBase64, stepPreset, type Preset, type RangeChoice } from './stats-logic';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Supervision statistics (F8): the figures of a range, split as chosen, each opening the list
 * behind it; charts of pages per day and time to file; the whole report as an Excel workbook.
 * A caller without stats.view gets their own figures only — the core decides, the screen says so.
 */
export function StatsDialog() {
  const t = useT();
  const actions = useActions();
  const client = useClient();
  const store = useDeskStore();
  const english = useDesk((s) => s.language) === 'en';
  const [choice, setChoice] = useState<RangeChoice>({ preset: 'today', from: '', to: '' });
  const [view, setView] = useState<StatsView>('total');
  const [report, setReport] = useState<StatsReport | null>(null);
  const [list, setList] = useState<StatsList | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const query = useMemo(() => queryOf(choice), [choice]);

  useEffect(() => {
    if (!query) return;
    let live = true;
    setReport(null);
    client.call('stats.report', query).then(
      (r) => live && setReport(r),
      (err: unknown) => live && reportError({ store }, err),
    );
    return () => {
      live = false;
    };
  }, [client, query, store]);

  const openList = async (figure: FigureId, key: string | null) => {
    if (!query) return;
    try {
      setList(await client.call('stats.list', { ...query, figure, view, key }));
    } catch (err) {
      reportError({ store }, err);
    }
  };

  const exportXlsx = async () => {
    if (!query) return;
    try {
      const book = await client.call('stats.xlsx', query);
      saveBase64(book.fileName, book.base64, XLSX_MIME);
      setExported(book.fileName);
    } catch (err) {
      reportError({ store }, err);
    }
  };

  const choose = (preset: Preset) => setChoice((c) => ({ ...c, preset }));
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const target = e.target as HTMLElement;
    if (list || e.ctrlKey || e.metaKey || e.altKey || target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (PRESET_KEYS[key]) choose(PRESET_KEYS[key]);
    else if (key === 'ArrowRight' || key === 'ArrowLeft') choose(stepPreset(choice.preset, key === 'ArrowRight' ? 1 : -1));
    else if (key === 'x') void exportXlsx();
    else return;
    e.preventDefault();
  };

  const series = useMemo(() => (report ? daySeries(report) : null), [report]);
  const pagesOption = useMemo(() => series && {
    title: { text: t('stats.chart.pagesPerDay'), textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: series.days },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: series.pages }],
  }, [series, t]);
  const timeOption = useMemo(() => series && {
    title: { text: t('stats.chart.timeToFile'), textStyle: { fontSize: 13 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 0 },
    grid: { left: 64, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: series.days },
    yAxis: { type: 'value' },
    series: [
      { type: 'line', name: t('stats.chart.median'), data: series.median, connectNulls: true },
      { type: 'line', name: t('stats.chart.p90'), data: series.p90, connectNulls: true },
    ],
  }, [series, t]);

  return (
    <Dialog title={t('stats.title')} testId="stats-dialog" className="stats" onClose={actions.close} closeLabel={t('stats.close')} onKeyDown={onKeyDown}>
      {list ? (
        <StatsFactList list={list} onBack={() => setList(null)} />
      ) : (
        <>
          <div className="stats-range" role="group" aria-label={t('stats.range')}>
            {PRESETS.map((p) => (
              <button key={p} type="button" data-testid={`stats-range-${p}`} aria-pressed={choice.preset === p} onClick={() => choose(p)}>
                {t(`stats.range.${p}`)}
              </button>
            ))}
            {choice.preset === 'custom' && (
              <>
                <label>{t('stats.from')} <input type="date" data-testid="stats-from" value={choice.from} onChange={(e) => setChoice((c) => ({ ...c, from: e.target.value }))} /></label>
                <label>{t('stats.to')} <input type="date" data-testid="stats-to" value={choice.to} onChange={(e) => setChoice((c) => ({ ...c, to: e.target.value }))} /></label>
              </>
            )}
            <label>
              {t('stats.view')}{' '}
              <select data-testid="stats-view" value={view} onChange={(e) => setView(e.target.value as StatsView)}>
                {STATS_VIEWS.map((v) => (
                  <option key={v} value={v}>{english ? VIEW_NAMES[v].en : VIEW_NAMES[v].zh}</option>
                ))}
              </select>
            </label>
            <button type="button" data-testid="stats-export" disabled={!query} onClick={() => void exportXlsx()}>{t('stats.export')}</button>
          </div>
          <p className="muted">{t('stats.hint')}</p>
          {report?.scope.kind === 'own' && <p className="notice" data-testid="stats-own">{t('stats.scope.own', { clerk: report.scope.clerk })}</p>}
          {exported && <p className="muted" role="status" data-testid="stats-exported">{t('stats.exported', { file: exported })}</p>}
          {report ? (
            <div data-testid="stats-report" data-from={report.range.fromDate} data-to={report.range.toDate}>
              <StatsFigureTable report={report} view={view} onOpen={(f, k) => void openList(f, k)} />
              <div className="stats-charts">
                {pagesOption && <StatsChart testId="stats-chart-pages" label={t('stats.chart.pagesPerDay')} option={pagesOption} />}
                {timeOption && <StatsChart testId="stats-chart-time" label={t('stats.chart.timeToFile')} option={timeOption} />}
              </div>
            </div>
          ) : (
            <p className="muted" role="status">{t('stats.loading')}</p>
          )}
        </>
      )}
    </Dialog>
  );
}
