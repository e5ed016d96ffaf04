import { getBatch } from '../../store/repo/batches';
import { getDocument, listDocuments } from '../../store/repo/documents';
import { pageStates } from '../../store/repo/ocr-results';
import { getPage } from '../../store/repo/pages';
import { listRejections } from '../../store/repo/source-files';
import type { CoreContext } from '../../open-core';
import { getDossier } from '../../filing/dossiers';
import { filingService } from '../../filing/filing-service';
import { getItem } from '../../filing/item-store';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { requireCliPermission } from '../acting-user';

export const showCommand: Command = {
  name: 'show',
  usage: 'show ID [--reveal]',
  summary: '显示一条记录及其下级；--reveal 显示完整个人信息（需权限，留痕）/ show one record with its children; --reveal shows personal data in full (permission, audited)',
  options: { reveal: { type: 'boolean', default: false } },
  async run({ open, io, positionals, values }) {
    const id = positionals[0];
    if (!id) throw new UsageError('show: 请给出 ID / give an ID');
    const ctx = await open({ workers: 1 });
    try {
      const record = findRecord(ctx, id, values.reveal === true);
      if (!record) {
        io.note(`没有这个记录 / no record ${id}`);
        return 1;
      }
      io.result(record, () => JSON.stringify(record, null, 2));
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

function findRecord(ctx: CoreContext, id: string, reveal: boolean): Record<string, unknown> | undefined {
  const page = getPage(ctx.db, id);
  // Its OCR: state and the engine that reads (or read) it.
  if (page) return { ...page, record: 'page', ocr: pageStates(ctx.db, { pageIds: [id] })[0] ?? null };
  const document = getDocument(ctx.db, id);
  if (document) return { ...document, record: 'document' };
  const filing = filingService(ctx);
  const item = getItem(ctx.db, id, filing.scheme().body);
  if (item) {
    if (reveal) requireCliPermission(ctx, 'pii.reveal');
    // The full view goes through the filing service, which audits it.
    return { ...(reveal ? filing.getItem(id, true) : item), record: 'item', checklist: item.business ? filing.check(id) : null };
  }
  if (ctx.db.prepare('SELECT 1 FROM dossiers WHERE id = ?').get(id)) return { ...getDossier(ctx.db, filing.scheme().body, id), record: 'dossier' };
  const batch = getBatch(ctx.db, id);
  if (batch) {
    return { ...batch, record: 'batch', documents: listDocuments(ctx.db, id), rejections: listRejections(ctx.db, id) };
  }
  return undefined;
}
