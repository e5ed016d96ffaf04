import { z } from 'zod';
import { searchMethods, type SearchHit } from '../../../../shared/contract/search-api';
import { groupHits } from '../../../../shared/search/group-hits';
import { SchemeSource } from '../../filing/scheme-source';
import { searchArchive } from '../../search/search-index';
import { UsageError } from '../cli-io';
import { valueOptions, type Command } from '../command';

const KIND = { page: '页面 page', document: '文件 document', item: '件 item', dossier: '档案 dossier' } as const;

const line = (h: SearchHit) => `${KIND[h.kind]}  ${h.id}  ${h.title}  (${h.score})\n    ${h.snippet}`;

/** The filters as given on the command line; the contract's schema checks them. */
function filtersOf(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const kinds = text('kind')?.split(',').map((k) => k.trim());
  const given = { kinds, batchId: text('batch'), business: text('business'), from: text('from'), to: text('to'), dossierId: text('dossier') };
  return Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
}

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY [--limit N] [--kind dossier,item,document,page] [--batch ID] [--business CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--dossier ID]',
  summary: '全文与著录项检索，可按类别、批次、业务类型、办理日期、档案筛选（个人信息已遮盖）/ full-text and metadata search with filters (personal data masked)',
  options: valueOptions('limit', 'kind', 'batch', 'business', 'from', 'to', 'dossier'),
  async run({ open, io, positionals, values }) {
    if (positionals.join('').trim() === '') throw new UsageError('search: 请给出检索词 / give a query');
    // The same rules as the API's, checked once by the contract's schema.
    const parsed = searchMethods.search.request.safeParse({
      query: positionals.join(' '),
      ...(values.limit === undefined ? {} : { limit: Number(values.limit) }),
      filters: filtersOf(values),
    });
    if (!parsed.success) throw new UsageError(`search: ${z.prettifyError(parsed.error)}`);
    const { query, limit, filters } = parsed.data;
    const ctx = await open({ workers: 1 });
    try {
      const { hits, total, refused } = searchArchive(ctx.db, new SchemeSource(ctx.db).current().body, query, limit, filters);
      io.result({ query, filters, hits, total, refused }, () => {
        if (refused) return refused.message;
        if (hits.length === 0) return `没有找到“${query}” / nothing found`;
        const groups = groupHits(hits).map((g) =>
          [g.by === 'dossier' ? `档案 dossier  ${g.title}` : `${KIND[g.kind]}`, ...g.hits.map((h) => `  ${line(h).replace(/\n/g, '\n  ')}`)].join('\n'),
        );
        return [`${total} 条结果 / ${total} found${total > hits.length ? `，显示最相关的 ${hits.length} 条 / best ${hits.length} shown` : ''}`, ...groups].join('\n');
      });
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
