import type { RequestOf, StatsReport } from '../../../shared/contract';
import { FIGURE_IDS, FIGURES, type FigureId } from '../../../shared/stats/figures';
import { keyLabel, viewFigures } from '../../../shared/stats/stats-table';
import type { Translate } from '../i18n/translate';
import type { StatsView } from '../../../shared/contract';

export type Preset = 'today' | 'week' | 'month' | 'custom';
export const PRESETS: readonly Preset[] = ['today', 'week', 'month', 'custom'];
export const PRESET_KEYS: Readonly<Record<string, Preset>> = { t: 'today', w: 'week', m: 'month', c: 'custom' };

export interface RangeChoice {
  readonly preset: Preset;
  readonly from: string;
  readonly to: string;
}

/** The query the screen sends; a custom range waits until both days are given. */
export function queryOf(choice: RangeChoice): RequestOf<'stats.report'> | null {
  if (choice.preset !== 'custom') return { range: { preset: choice.preset } };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(choice.from) || !/^\d{4}-\d{2}-\d{2}$/.test(choice.to) || choice.from > choice.to) return null;
  return { range: { preset: 'custom', from: choice.from, to: choice.to } };
}

/** ← and → step through the presets, wrapping. */
export function stepPreset(current: Preset, step: 1 | -1): Preset {
  const i = PRESETS.indexOf(current);
  return PRESETS[(i + step + PRESETS.length) % PRESETS.length]!;
}

/** The figures of a view, station figures first, then backfile production (the screen's two groups). */
export function groupedFigures(view: StatsView): Array<{ group: 'station' | 'backfile'; figures: FigureId[] }> {
  const shown = new Set(viewFigures(view));
  return (['station', 'backfile'] as const).map((group) => ({ group, figures: FIGURE_IDS.filter((id) => shown.has(id) && FIGURES[id].group === group) }));
}

/** Chart series by station day: pages captured, and time to file (median and 90th percentile). */
export function daySeries(report: StatsReport) {
  const days = report.views.day;
  return {
    days: days.map((d) => d.key ?? ''),
    pages: days.map((d) => d.values.pagesCaptured ?? 0),
    median: days.map((d) => d.values.timeToFileMedian),
    p90: days.map((d) => d.values.timeToFileP90),
  };
}

/** Hand the workbook to the browser as a download (the desk's "save as"). */
export function saveBase64(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A line of a split as the screen names it, in the UI's language: a business by its name, a
 * batch kind in words; the exported sheets keep both languages (shared/stats/stats-table.ts).
 */
export function lineLabel(t: Translate, report: Pick<StatsReport, 'range'>, view: StatsView, key: string | null, businessName: (code: string) => string): string {
  if (view === 'total') return keyLabel(report, view, key);
  if (key === null) return t('stats.line.none');
  if (view === 'business') return businessName(key);
  if (view === 'batchKind' && (key === 'counter' || key === 'backfile')) return t(key === 'counter' ? 'stats.batchKind.counter' : 'stats.batchKind.backfile');
  return key;
}
