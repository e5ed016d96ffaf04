import { z } from 'zod';
import { searchMethods } from '../../../../shared/contract/search-api';
import { SchemeSource } from '../../filing/scheme-source';
import { searchArchive } from '../../search/search-index';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

const KIND = { page: '页面 page', document: '文件 document', item: '件 item', dossier: '档案 dossier' } as const;

export const searchCommand: Command = {
  name: 'search',
  usage: 'search QUERY [--limit N]',
  summary: '全文与著录项检索（个人信息已遮盖）/ full-text and metadata search (personal data masked)',
  options: { limit: { type: 'string' } },
  async run({ open, io, positionals, values }) {
    if (positionals.join('').trim() === '') throw new UsageError('search: 请给出检索词 / give a query');
    // The same rules as the API's, checked once by the contract's schema.
    const parsed = searchMethods.search.request.safeParse({
      query: positionals.join(' '),
      ...(values.limit === undefined ? {} : { limit: Number(values.limit) }),
    });
    if (!parsed.success) throw new UsageError(`search: ${z.prettifyError(parsed.error)}`);
    const { query, limit } = parsed.data;
    const ctx = await open({ workers: 1 });
    try {
      const hits = searchArchive(ctx.db, new SchemeSource(ctx.db).current().body, query, limit);
      io.result({ query, hits }, () =>
        hits.length === 0
          ? `没有找到“${query}” / nothing found`
          : hits.map((h) => `${KIND[h.kind]}  ${h.id}  ${h.title}  (${h.score})\n    ${h.snippet}`).join('\n'),
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
