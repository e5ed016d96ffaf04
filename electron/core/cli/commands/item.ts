import type { FileResult } from '../../../../shared/contract/filing';
import { DeskError } from '../../errors';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { fieldOptions, stringOption, withFiling } from '../filing-cli';
import { resolveBatch } from './list';

const USAGE = [
  'item new --batch ID|NAME --business CODE --date YYYY-MM-DD [--field KEY=VALUE]…',
  'item assign ITEM --page PAGE… --material CODE [--reason R]',
  'item file ITEM… [--allow-missing REASON]',
  'item fix ITEM --reason R [--field KEY=VALUE]… [--business CODE] [--date YYYY-MM-DD]',
].join('\n           ');

const list = (v: string | boolean | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

export const itemCommand: Command = {
  name: 'item',
  usage: USAGE,
  summary: '件：新建、分配页面、归档、更正 / items: create, assign pages, file, correct',
  options: {
    batch: { type: 'string' },
    business: { type: 'string' },
    date: { type: 'string' },
    field: { type: 'string', multiple: true },
    page: { type: 'string', multiple: true },
    material: { type: 'string' },
    reason: { type: 'string' },
    'allow-missing': { type: 'string' },
  },
  async run(input) {
    const { io, positionals, values } = input;
    const [action, ...ids] = positionals;
    switch (action) {
      case 'new': {
        const batch = stringOption(values, 'batch');
        const business = stringOption(values, 'business');
        const date = stringOption(values, 'date');
        if (!batch || !business || !date) throw new UsageError('item new: 需要 --batch、--business、--date / needs --batch, --business and --date');
        const fields = fieldOptions(values);
        return withFiling(input, (ctx, filing) => {
          const { item, checklist } = filing.createItem({ batchId: resolveBatch(ctx, batch), business, businessDate: date, fields });
          const out = { item: item.id, business: item.business, checklist: item.business, version: checklist, businessDate: item.businessDate };
          io.result(out, () => `已新建件 item created: ${item.id}  业务 ${item.business}  要件清单 checklist ${checklist}`);
          return 0;
        });
      }
      case 'assign': {
        const [itemId] = ids;
        const pages = list(values.page);
        const material = stringOption(values, 'material');
        if (!itemId || pages.length === 0 || !material) throw new UsageError('item assign: 用法 / usage: item assign ITEM --page PAGE… --material CODE');
        return withFiling(input, (_ctx, filing) => {
          const { document, material: code } = filing.assign({ itemId, pageIds: pages, material, ...(values.reason ? { reason: String(values.reason) } : {}) });
          io.result({ document, material: code }, () => `${pages.length} 页 → ${code}（文件 document ${document}）`);
          return 0;
        });
      }
      case 'file': {
        if (ids.length === 0) throw new UsageError('item file: 请给出件 / give at least one item');
        const allowMissing = stringOption(values, 'allow-missing');
        return withFiling(input, (_ctx, filing) => {
          // Several items in one call file one after another; a refusal does not stop the rest.
          const filed: FileResult[] = [];
          const refused: Array<{ item: string; error: { code: string; message: string; details?: unknown } }> = [];
          for (const id of ids) {
            try {
              filed.push(filing.file(id, allowMissing ? { allowMissing } : {}));
            } catch (err) {
              if (!(err instanceof DeskError)) throw err;
              if (ids.length === 1) throw err;
              io.note(`${id}: ${err.message}`);
              refused.push({ item: id, error: { code: err.code, message: err.message, details: err.details } });
            }
          }
          const out = ids.length === 1 ? filed[0] : { filed, refused };
          io.result(out, () => filed.map((f) => `${f.item}  档号 ${f.archivalCode}${f.dossier ? `  档案 dossier ${f.dossier}` : ''}${f.missing.length ? `  容缺 ${f.missing.join('、')}` : ''}`).join('\n'));
          return refused.length === 0 ? 0 : filed.length > 0 ? 2 : 1;
        });
      }
      case 'fix': {
        const [itemId] = ids;
        const reason = stringOption(values, 'reason');
        if (!itemId || !reason) throw new UsageError('item fix: 需要件和 --reason / needs an item and --reason');
        return withFiling(input, (_ctx, filing) => {
          const item = filing.correct({
            id: itemId,
            fields: fieldOptions(values),
            reason,
            ...(values.business ? { business: String(values.business) } : {}),
            ...(values.date ? { businessDate: String(values.date) } : {}),
          });
          io.result({ item: item.id, version: item.version, fields: item.fields }, () => `已更正 corrected: ${item.id} → 第 ${item.version} 版 version`);
          return 0;
        });
      }
      default:
        throw new UsageError(`item: 用法 / usage:\n  ${USAGE}`);
    }
  },
};
