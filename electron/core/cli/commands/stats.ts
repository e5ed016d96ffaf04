import path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { StatsQuery, StatsView, type StatsReport } from '../../../../shared/contract/stats-api';
import { formatFigure } from '../../../../shared/stats/format-figure';
import { tableCsv, VIEW_NAMES, viewTable } from '../../../../shared/stats/stats-table';
import { countUsers } from '../../auth/user-store';
import { writeDurably } from '../../files/durable-copy';
import { statsReport } from '../../stats/stats-report';
import { statsScope } from '../../stats/stats-scope';
import { statsWorkbook } from '../../stats/stats-workbook';
import { getStation } from '../../store/repo/station';
import { UsageError } from '../cli-io';
import type { Command, CommandInput } from '../command';
import { valueOptions } from '../command';

const BOM = '\uFEFF';

/** The command line's options as the API's query, checked by the contract's own schema. */
function queryOf(values: CommandInput['values']): StatsQuery {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const from = text('from');
  const to = text('to');
  if ((from === undefined) !== (to === undefined)) throw new UsageError('stats: --from 与 --to 须同时给出 / give both --from and --to');
  const parsed = StatsQuery.safeParse({
    range: from !== undefined ? { preset: 'custom', from, to } : { preset: text('range') ?? 'month' },
    clerk: text('clerk') ?? null,
    business: text('business') ?? null,
    batchKind: text('kind') ?? null,
  });
  if (!parsed.success) throw new UsageError(`stats: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function viewOf(values: CommandInput['values']): StatsView {
  const parsed = StatsView.safeParse(values.by ?? 'total');
  if (!parsed.success) throw new UsageError(`stats: --by ${String(values.by)}: 可选 / one of ${StatsView.options.join(', ')}`);
  return parsed.data;
}

function humanTable(report: StatsReport, view: StatsView): string {
  const table = viewTable(report, view);
  const scope = report.scope.kind === 'own' ? `（仅本人 own figures: ${report.scope.clerk}）` : '';
  const lines = [`${report.range.fromDate} – ${report.range.toDate}  ${VIEW_NAMES[view].zh} ${VIEW_NAMES[view].en}${scope}`];
  for (const row of table.rows) {
    lines.push('', `■ ${row[0]}`);
    table.figures.forEach((id, i) => lines.push(`  ${table.headers[i + 1]!.padEnd(36)} ${formatFigure(id, (row[i + 1] as number | null) ?? null)}`));
  }
  return lines.join('\n');
}

export const statsCommand: Command = {
  name: 'stats',
  usage: 'stats [--range today|week|month | --from D --to D] [--by clerk|business|batchKind|day] [--xlsx FILE] [--csv FILE]',
  summary: '管理监督统计（--xlsx 每个视图一张表）/ supervision figures (--xlsx: one sheet per view)',
  options: valueOptions('range', 'from', 'to', 'by', 'clerk', 'business', 'kind', 'xlsx', 'csv'),
  async run({ open, io, values }) {
    const query = queryOf(values);
    const view = viewOf(values);
    const ctx = await open({ workers: 1 });
    try {
      const report = statsReport(ctx.db, query, statsScope(ctx.callers.current(), countUsers(ctx.db) > 0, query.clerk), new Date());
      const written: string[] = [];
      if (typeof values.xlsx === 'string') {
        const out = path.resolve(values.xlsx);
        await writeDurably(Readable.from([await statsWorkbook(report, getStation(ctx.db).name)]), out);
        written.push(out);
      }
      if (typeof values.csv === 'string') {
        const out = path.resolve(values.csv);
        await writeDurably(Readable.from([Buffer.from(BOM + tableCsv(viewTable(report, view)), 'utf8')]), out);
        written.push(out);
      }
      io.result({ ...report, written }, () => [humanTable(report, view), ...written.map((f) => `已写入 written: ${f}`)].join('\n'));
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
