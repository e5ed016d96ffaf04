import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { withFiling } from '../filing-cli';

const RULE = { required: '必备', optional: '可选', conditional: '条件' } as const;

export const checkCommand: Command = {
  name: 'check',
  usage: 'check ITEM',
  summary: '按办理日期适用的要件清单检查件是否齐全 / checklist completeness of an item on its business date',
  options: {},
  async run(input) {
    const id = input.positionals[0];
    if (!id) throw new UsageError('check: 请给出件 / give an item');
    return withFiling(input, (_ctx, filing) => {
      const r = filing.check(id);
      input.io.result(r, () =>
        [
          `${r.checklistName}（${r.business}）要件清单 ${r.version}，自 ${r.effectiveFrom} 起施行；办理日期 ${r.businessDate}`,
          ...r.lines.map((l) => `  ${l.present ? '✓' : l.needed ? '✗' : '·'} ${l.name} [${RULE[l.rule]}${l.condition ? `：${l.condition}` : ''}]${l.pages ? ` ${l.pages} 页` : ''}`),
          r.complete ? '齐全 complete' : `缺少 missing: ${r.missing.join(', ')}`,
        ].join('\n'),
      );
      return 0;
    });
  },
};
