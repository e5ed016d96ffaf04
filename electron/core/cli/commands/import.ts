import type { ImportResult } from '../../../../shared/contract';
import { importPaths } from '../../import/import-paths';
import { createBatch, findBatch } from '../../store/repo/batches';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

export const importCommand: Command = {
  name: 'import',
  usage: 'import PATH… [--batch ID|NAME] [--business CODE]',
  summary: '导入文件或文件夹到批次 / import files and folders into a batch',
  options: { batch: { type: 'string' }, business: { type: 'string' } },
  async run({ open, io, positionals, values }) {
    if (positionals.length === 0) throw new UsageError('import: 请给出文件或文件夹 / give at least one file or folder');
    const ctx = await open();
    try {
      const wanted = values.batch as string | undefined;
      const business = (values.business as string | undefined) ?? null;
      const batch =
        (wanted && findBatch(ctx.db, wanted)) ||
        createBatch(ctx.db, ctx.actor, { name: wanted ?? `导入 ${new Date().toISOString()}`, kind: 'backfile', business });
      if (batch.state !== 'open') throw new UsageError(`批次已关闭 / batch ${batch.name} is closed`);
      ctx.subscribe((e) => {
        if (e.type === 'import.progress') io.progress(e.done, e.total, e.file);
      });
      const result = await importPaths(ctx, batch.id, positionals);
      io.result(result, () => describeImport(batch.name, result));
      return importExitCode(result);
    } finally {
      await ctx.close();
    }
  },
};

export function importExitCode(result: ImportResult): number {
  if (result.rejected.length === 0) return 0;
  return result.imported.length + result.duplicates.length > 0 ? 2 : 1;
}

function describeImport(batchName: string, r: ImportResult): string {
  const pages = r.imported.reduce((n, f) => n + f.pages, 0);
  const lines = [
    `批次 batch: ${batchName} (${r.batch})`,
    `已导入 imported: ${r.imported.length} 个文件 files, ${pages} 页 pages`,
    `重复 duplicates: ${r.duplicates.length}`,
    `拒收 rejected: ${r.rejected.length}`,
  ];
  for (const d of r.duplicates) lines.push(`  = ${d.file}  (已在批次中 already in batch: ${d.existing})`);
  for (const x of r.rejected) lines.push(`  ✗ ${x.file}  [${x.error.code}] ${x.error.message}`);
  return lines.join('\n');
}
