import { retentionDue } from '../../filing/retention-due';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { valueOptions } from '../command';
import { stringOption, withFiling } from '../filing-cli';

const FROM = { filing: '自归档', settlement: '自结清', closing: '自销户' } as const;

/** Today as the station's calendar shows it (local time), the default end of the window. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const retentionCommand: Command = {
  name: 'retention',
  usage: 'retention due [--before YYYY-MM-DD]',
  summary: '列出保管期限届满的档案，供中心鉴定 / dossiers whose retention ends, for the centre\'s appraisal',
  options: valueOptions('before'),
  async run(input) {
    if (input.positionals[0] !== 'due' || input.positionals.length > 1) throw new UsageError('retention: 用法 usage: retention due [--before YYYY-MM-DD]');
    const before = stringOption(input.values, 'before') ?? today();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(before) || Number.isNaN(Date.parse(before))) throw new UsageError(`retention: --before 应为日期 YYYY-MM-DD / not a date: ${before}`);
    return withFiling(input, (ctx, filing) => {
      const due = retentionDue(ctx.db, filing.scheme().body, before);
      input.io.result({ before, dossiers: due }, () =>
        due.length === 0
          ? `${before} 前没有保管期限届满的档案 / no dossier's retention ends before ${before}`
          : [
              `${before} 前保管期限届满 ${due.length} 卷（鉴定与销毁由中心办理）/ ${due.length} dossiers whose retention ends before ${before} (appraisal and destruction are the centre's):`,
              ...due.map((d) => `  ${d.until}  ${d.id}  ${d.code} ${FROM[d.from]}（${d.startsOn}）  ${d.items} 件  ${d.title}`),
            ].join('\n'),
      );
      return 0;
    });
  },
};
