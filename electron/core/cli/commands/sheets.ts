import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { SheetRequest } from '../../../../shared/contract/filing-api';
import { fieldChecks } from '../../../../shared/fields/field-checks';
import { printSheets } from '../../separators/sheets';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { stringOption, withFiling } from '../filing-cli';
import { resolveBatch } from './list';

export const sheetsCommand: Command = {
  name: 'sheets',
  usage: 'sheets print --batch ID|NAME --out FILE.pdf [--kind separator|cover] [--count N | --items FILE.json]',
  summary: '打印分隔页/件封面（二维码 + Code 128）/ print separator or cover sheets (QR + Code 128)',
  options: { batch: { type: 'string' }, out: { type: 'string' }, kind: { type: 'string' }, count: { type: 'string' }, items: { type: 'string' } },
  async run(input) {
    const { values, positionals, io } = input;
    const batch = stringOption(values, 'batch');
    const out = stringOption(values, 'out');
    const kind = stringOption(values, 'kind') ?? 'separator';
    if (positionals[0] !== 'print' || !batch || !out) throw new UsageError(`sheets: 用法 / usage: ${this.usage}`);
    if (kind !== 'separator' && kind !== 'cover') throw new UsageError('sheets: --kind separator|cover');
    const itemsFile = stringOption(values, 'items');
    let sheets: Array<z.infer<typeof SheetRequest>>;
    if (itemsFile) {
      const parsed = z.array(SheetRequest).min(1).safeParse(JSON.parse(await readFile(itemsFile, 'utf8')));
      if (!parsed.success) throw new UsageError(`sheets: ${itemsFile}: ${z.prettifyError(parsed.error)}`);
      sheets = parsed.data;
    } else {
      const count = Number(stringOption(values, 'count') ?? '1');
      if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError('sheets: --count 1…1000');
      sheets = Array.from({ length: count }, () => ({}));
    }
    return withFiling(input, async (ctx, filing) => {
      const printed = await printSheets(ctx.db, ctx.actor, filing.scheme(), fieldChecks, { batchId: resolveBatch(ctx, batch), kind, sheets });
      await writeFile(out, printed.pdf);
      io.result({ out, keys: printed.keys }, () => `${printed.keys.length} 张已写入 sheets written to ${out}: ${printed.keys.join(', ')}`);
      return 0;
    });
  },
};
