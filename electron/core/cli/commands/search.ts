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
      const { hits, total, refused } = searchArchive(ctx.db, new SchemeSource(ctx.db).current().body, query, limit);
      io.result({ query, hits, total, refused }, () => {
        if (refused) return refused.message;
        if (hits.length === 0) return `没有找到“${query}” / nothing found`;
        const lines = hits.map((h) => `${KIND[h.kind]}  ${h.id}  ${h.title}  (${h.score})\n    ${h.snippet}`);
        return [`${total} 条结果 / ${total} found${total > hits.length ? `，显示最相关的 ${hits.length} 条 / best ${hits.length} shown` : ''}`, ...lines].join('\n');
      });
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
