import { listBatches, findBatch } from '../../store/repo/batches';
import { listDocuments } from '../../store/repo/documents';
import { listPages } from '../../store/repo/pages';
import type { CoreContext } from '../../open-core';
import { filingService } from '../../filing/filing-service';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

const KINDS = ['batches', 'items', 'documents', 'pages', 'business-types'] as const;
type Kind = (typeof KINDS)[number];

export const listCommand: Command = {
  name: 'list',
  usage: 'list batches|items|documents|pages|business-types [--batch ID|NAME]',
  summary: '列出记录 / list records',
  options: { batch: { type: 'string' } },
  async run({ open, io, positionals, values }) {
    const kind = positionals[0] as Kind | undefined;
    if (!kind || !KINDS.includes(kind)) throw new UsageError(`list: 请选择 / choose one of ${KINDS.join(', ')}`);
    const ctx = await open({ workers: 1 });
    try {
      const records = listRecords(ctx, kind, values.batch as string | undefined);
      io.result(records, () =>
        records.length === 0 ? '（无 none）' : records.map((r) => `${r.id}  ${describe(r)}`).join('\n'),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};

type AnyRecord = { id: string } & Record<string, unknown>;

function listRecords(ctx: CoreContext, kind: Kind, batch: string | undefined): AnyRecord[] {
  if (kind === 'batches') return listBatches(ctx.db);
  if (kind === 'business-types') return filingService(ctx).businessTypes().map((b) => ({ id: b.code, ...b }));
  const rowKind: Exclude<Kind, 'batches' | 'business-types'> = kind;
  const filing = filingService(ctx);
  const batchIds = batch === undefined ? listBatches(ctx.db).map((b) => b.id) : [resolveBatch(ctx, batch)];
  return batchIds.flatMap((id): AnyRecord[] => {
    switch (rowKind) {
      case 'items':
        // Filing's view: 档号, business and metadata, personal elements masked.
        return filing.listItems(id);
      case 'documents':
        return listDocuments(ctx.db, id);
      case 'pages':
        return listPages(ctx.db, id);
    }
  });
}

export function resolveBatch(ctx: CoreContext, idOrName: string): string {
  const found = findBatch(ctx.db, idOrName);
  if (!found) throw new UsageError(`没有这个批次 / no batch ${idOrName}`);
  return found.id;
}

function describe(r: Record<string, unknown>): string {
  const parts = ['name', 'title', 'seq', 'pageCount', 'state', 'className', 'retention']
    .filter((k) => r[k] !== undefined && r[k] !== null)
    .map((k) => `${k}=${String(r[k])}`);
  const source = r.source as { file: string; pageIndex: number } | undefined;
  if (source) parts.push(`${source.file}#${source.pageIndex + 1}`);
  return parts.join('  ');
}
