import path from 'node:path';
import type { FourChecksReport } from '../../../../shared/contract';
import type { BagPlan } from '../../transfer/bag-layout';
import { buildBag } from '../../transfer/bag-plan';
import { getTransfer, loadPlan } from '../../transfer/transfer-store';
import { BagDirError, writeBagDirectory } from '../../transfer/write-bag-dir';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { requireCliPermission } from '../acting-user';
import { resolveBatch } from './list';
import { describeChecks } from './batch';
import { runCarrierExport } from './export-carrier';
import { runSearchableExport } from './export-searchable';

/** States in which a batch's bag is frozen: the export is byte for byte what is (or was) sent. */
const FROZEN = new Set(['checked', 'uploading', 'uploaded', 'acknowledged']);

export const exportCommand: Command = {
  name: 'export',
  usage: 'export ID|NAME --bag DIR | --carrier DIR [--profile NAME] | --pdf FILE | --ofd FILE',
  summary: '导出批次的移交包（BagIt）或离线移交载体，或文件/件/卷/批次的可检索 PDF 或 OFD / export a batch\'s BagIt transfer package or offline carrier, or a searchable PDF or OFD',
  options: { bag: { type: 'string' }, carrier: { type: 'string' }, profile: { type: 'string' }, pdf: { type: 'string' }, ofd: { type: 'string' } },
  async run(input) {
    const { open, io, positionals, values } = input;
    if (values.carrier !== undefined) return runCarrierExport(input);
    if (values.pdf !== undefined) return runSearchableExport(input, 'pdf');
    if (values.ofd !== undefined) return runSearchableExport(input, 'ofd');
    const id = positionals[0];
    const dir = values.bag as string | undefined;
    if (!id || !dir) throw new UsageError('export: 请给出批次和 --bag 文件夹 / give a batch and --bag DIR');
    const ctx = await open({ workers: 1 });
    try {
      // The bag carries every item's metadata in full (it is the archival record), so writing one
      // to a folder of the user's choosing is a full view of personal data.
      requireCliPermission(ctx, 'pii.reveal');
      const batchId = resolveBatch(ctx, id);
      const transfer = getTransfer(ctx.db, batchId);
      if (transfer?.state === 'purged') throw new UsageError(`批次已在中心确认后清理，本地不再有原件 / batch ${id} was purged after acknowledgement; its originals are no longer here`);
      let plan: BagPlan | null = transfer && FROZEN.has(transfer.state) ? loadPlan(ctx.db, batchId) : null;
      let report: FourChecksReport | null = null;
      if (!plan) {
        io.note('正在打包并进行四性检测 / packaging and running 四性检测…');
        const built = await buildBag(ctx, batchId);
        plan = built.plan;
        report = built.report;
      }
      if (!plan || (report !== null && !report.ok)) {
        io.result({ out: null, batch: batchId, checks: report?.checks ?? [], ok: false }, () =>
          ['四性检测未通过，未导出 / 四性检测 failed, nothing exported', describeChecks(report?.checks ?? [])].join('\n'),
        );
        return 1;
      }
      const out = path.resolve(dir);
      let written: { files: number; bytes: number };
      try {
        written = await writeBagDirectory(ctx.blobs, plan, out);
      } catch (err) {
        if (err instanceof BagDirError) throw new UsageError(err.message);
        throw err;
      }
      io.result({ out, batch: batchId, files: written.files, bytes: written.bytes, frozen: report === null, ok: true, checks: report?.checks ?? [] }, () =>
        [`已导出移交包 / bag written: ${out}`, `文件 files: ${written.files}, 字节 bytes: ${written.bytes}`].join('\n'),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
