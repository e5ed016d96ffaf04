import { DeskError } from '../../errors';
import { exportSearchable, type LayoutFormat } from '../../export/export-searchable';
import { UsageError } from '../cli-io';
import type { CommandInput } from '../command';
import { reportRefusal } from '../filing-cli';

const NAME: Readonly<Record<LayoutFormat, string>> = { pdf: 'PDF', ofd: 'OFD' };

/** `export ID --pdf FILE | --ofd FILE`: a searchable PDF or OFD of a page, document, item, dossier or batch. */
export async function runSearchableExport({ open, io, positionals, values }: CommandInput, format: LayoutFormat): Promise<number> {
  const id = positionals[0];
  const file = values[format];
  if (!id || typeof file !== 'string' || file === '') throw new UsageError(`export: 请给出 ID 和 --${format} 文件 / give an ID and --${format} FILE`);
  if ([values.bag, values.carrier, values.pdf, values.ofd].filter((v) => v !== undefined).length > 1) throw new UsageError('export: --bag、--carrier、--pdf、--ofd 只能选一个 / give one of --bag, --carrier, --pdf, --ofd');
  const ctx = await open({ workers: 1 });
  try {
    io.note(`正在生成可检索 ${NAME[format]}（未识别的页面先识别）/ writing the searchable ${NAME[format]} (reading unread pages first)…`);
    const outcome = await exportSearchable(ctx, id, file, format);
    io.result(outcome, () =>
      [
        `已导出 ${NAME[format]} / ${NAME[format]} written: ${outcome.out}`,
        `${outcome.title}${outcome.archivalCode ? `（档号 ${outcome.archivalCode}）` : ''}: ${outcome.pages} 页 pages, ${outcome.bytes} 字节 bytes`,
        ...(outcome.withoutText.length > 0 ? [`无文字层（识别失败）/ without text layer (OCR failed): ${outcome.withoutText.join(', ')}`] : []),
      ].join('\n'),
    );
    return outcome.withoutText.length > 0 ? 2 : 0;
  } catch (err) {
    if (err instanceof DeskError) {
      reportRefusal(io, err);
      return 1;
    }
    throw err;
  } finally {
    await ctx.close();
  }
}
