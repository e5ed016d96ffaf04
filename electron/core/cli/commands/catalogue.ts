import path from 'node:path';
import { fieldChecks } from '../../../../shared/fields/field-checks';
import { importCatalogue, previewCatalogue, readCatalogueFile } from '../../backfile/catalogue-store';
import { linkCatalogue } from '../../backfile/link-catalogue';
import { UsageError } from '../cli-io';
import type { Command, CommandInput } from '../command';
import { stringOption, withFiling } from '../filing-cli';
import { requireCliPermission } from '../acting-user';
import { resolveBatch } from './list';

const USAGE = [
  'catalogue preview FILE [--map COLUMN=ELEMENT]…',
  'catalogue import FILE --batch ID|NAME [--map COLUMN=ELEMENT]…',
  'catalogue link CATALOGUE --images DIR --rule "{档号}-{页号}"',
].join('\n           ');

/** `--map 身份证=证件号码` (repeatable); `--map 库位=` ignores a column. */
function mapOptions(values: CommandInput['values']): Record<string, string | null> {
  const raw = values.map;
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return Object.fromEntries(
    list.map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new UsageError(`--map 应写作 列名=著录项 / --map takes COLUMN=ELEMENT: ${pair}`);
      const element = pair.slice(at + 1).trim();
      return [pair.slice(0, at).trim(), element === '' ? null : element];
    }),
  );
}

export const catalogueCommand: Command = {
  name: 'catalogue',
  usage: USAGE,
  summary: '存量目录：导入（列映射、预览）并与图像挂接 / backfile catalogues: import (mapping, preview) and link to images',
  options: { batch: { type: 'string' }, map: { type: 'string', multiple: true }, images: { type: 'string' }, rule: { type: 'string' } },
  async run(input) {
    const { positionals, values, io } = input;
    const [action, target] = positionals;
    switch (action) {
      case 'preview':
      case 'import': {
        if (!target) throw new UsageError(`catalogue ${action} FILE`);
        const table = await withTable(target);
        const mapping = mapOptions(values);
        const batch = stringOption(values, 'batch');
        if (action === 'import' && !batch) throw new UsageError('catalogue import: 需要 --batch / needs --batch');
        return withFiling(input, (ctx, filing) => {
          const { body } = filing.scheme();
          if (action === 'preview') {
            const preview = previewCatalogue(body, fieldChecks, table, mapping);
            io.result(preview, () =>
              [
                `共 ${preview.total} 行，${preview.rowsWithProblems} 行有问题 / ${preview.total} rows, ${preview.rowsWithProblems} with problems`,
                ...Object.entries(preview.mapping).map(([c, k]) => `  ${c} → ${k ?? '（忽略 ignored）'}`),
                ...preview.rows.map((r) => `  第 ${r.rowNo} 行 ${r.business ?? '?'} ${r.businessDate ?? '?'} ${r.archivalCode ?? ''}${r.problems.map((p) => `  ⚠ ${p.message.zh}`).join('')}`),
              ].join('\n'),
            );
            return 0;
          }
          requireCliPermission(ctx, 'catalogue.import');
          const result = importCatalogue(ctx.db, ctx.actor, body, fieldChecks, { batchId: resolveBatch(ctx, batch!), name: path.basename(target), table, mapping });
          io.result(result, () => `目录 ${result.catalogue}：${result.rows} 行，${result.rowsWithProblems} 行有问题`);
          return 0;
        });
      }
      case 'link': {
        const images = stringOption(values, 'images');
        const rule = stringOption(values, 'rule');
        if (!target || !images || !rule) throw new UsageError('catalogue link CATALOGUE --images DIR --rule RULE');
        return withFiling(input, async (ctx, filing) => {
          requireCliPermission(ctx, 'catalogue.import');
          const result = await linkCatalogue(ctx, filing.scheme(), { catalogueId: target, imagesDir: images, rule });
          io.result(result, () =>
            [
              `已挂接 linked: ${result.linked.length} 行 rows`,
              `未匹配的目录行 rows without images: ${result.unmatchedRows.map((r) => `${r.rowNo}(${r.key ?? '-'})`).join(', ') || '无 none'}`,
              `未匹配的图像 images without a row: ${result.unmatchedFiles.join(', ') || '无 none'}`,
              ...result.refusedRows.map((r) => `  ✗ 第 ${r.rowNo} 行: ${r.reason}`),
            ].join('\n'),
          );
          const leftovers = result.unmatchedRows.length + result.unmatchedFiles.length + result.refusedRows.length + result.importErrors.length;
          return leftovers === 0 ? 0 : result.linked.length > 0 ? 2 : 1;
        });
      }
      default:
        throw new UsageError(`catalogue: 用法 / usage:\n  ${USAGE}`);
    }
  },
};

async function withTable(file: string) {
  try {
    return await readCatalogueFile(file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
