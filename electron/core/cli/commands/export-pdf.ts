import { DeskError } from '../../errors';
import { exportSearchablePdf } from '../../export/export-pdf';
import { UsageError } from '../cli-io';
import type { CommandInput } from '../command';

/** `export ID --pdf FILE`: a searchable PDF of a page, document, item, dossier or batch. */
export async function runPdfExport({ open, io, positionals, values }: CommandInput): Promise<number> {
  const id = positionals[0];
  const file = values.pdf;
  if (!id || typeof file !== 'string' || file === '') throw new UsageError('export: 请给出 ID 和 --pdf 文件 / give an ID and --pdf FILE');
  if (values.bag !== undefined) throw new UsageError('export: --pdf 与 --bag 只能选一个 / give either --pdf or --bag');
  const ctx = await open({ workers: 1 });
  try {
    io.note('正在生成可检索 PDF（未识别的页面先识别）/ writing the searchable PDF (reading unread pages first)…');
    const outcome = await exportSearchablePdf(ctx, id, file);
    io.result(outcome, () =>
      [
        `已导出 PDF / PDF written: ${outcome.out}`,
        `${outcome.title}${outcome.archivalCode ? `（档号 ${outcome.archivalCode}）` : ''}: ${outcome.pages} 页 pages, ${outcome.bytes} 字节 bytes`,
        ...(outcome.withoutText.length > 0 ? [`无文字层（识别失败）/ without text layer (OCR failed): ${outcome.withoutText.join(', ')}`] : []),
      ].join('\n'),
    );
    return outcome.withoutText.length > 0 ? 2 : 0;
  } catch (err) {
    if (err instanceof DeskError) {
      io.note(err.message);
      if (io.json) io.result({ error: { code: err.code, message: err.message } }, () => '');
      return 1;
    }
    throw err;
  } finally {
    await ctx.close();
  }
}
