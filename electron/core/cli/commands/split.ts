import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { withFiling } from '../filing-cli';
import { resolveBatch } from './list';

export const splitCommand: Command = {
  name: 'split',
  usage: 'split BATCH [--keep-sheets]',
  summary: '按分隔页/封面页条码把批次拆分为件 / split a batch into items at its separator/cover sheets',
  options: { 'keep-sheets': { type: 'boolean', default: false } },
  async run(input) {
    const batch = input.positionals[0];
    if (!batch) throw new UsageError('split: 请给出批次 / give a batch');
    return withFiling(input, async (ctx, filing) => {
      const result = await filing.split(resolveBatch(ctx, batch), input.values['keep-sheets'] === true, (done, total) => input.io.progress(done, total, '读取条码 reading barcodes'));
      input.io.result(result, () =>
        [
          `拆分为 ${result.items.length} 件 / split into ${result.items.length} items`,
          ...result.items.map((i) => `  ${i.item}  ${i.key ?? '（无分隔页 no sheet）'}  ${i.business ?? ''}  ${i.pages} 页${i.problems.map((p) => `  ⚠ ${p.kind === 'page_count' ? `页数 ${p.actual}/${p.expected}${p.missedSeparatorBefore ? `，疑似漏分隔页在 ${p.missedSeparatorBefore} 前` : ''}` : p.kind}`).join('')}`),
          ...(result.emptySheets.length ? [`空分隔页 empty sheets: ${result.emptySheets.join(', ')}`] : []),
        ].join('\n'),
      );
      return result.failed.length > 0 ? 2 : 0;
    });
  },
};
