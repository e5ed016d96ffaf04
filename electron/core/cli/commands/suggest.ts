import type { Suggestion } from '../../../../shared/contract/filing';
import { suggestFromImage } from '../../filing/classifier-store';
import { getPage } from '../../store/repo/pages';
import { UsageError } from '../cli-io';
import type { Command } from '../command';
import { withFiling } from '../filing-cli';

const plain = (s: Suggestion) => ({ code: s.code, score: s.score, reason: s.reason });
const line = (s: Suggestion) => `  ${s.code.padEnd(8)} ${s.score.toFixed(3)}  ${s.reason}`;

/**
 * What the desk suggests for a page, the same as the counter screen offers (suggestFromImage):
 * scripts and checks can see why a form was taken for a business, and that an unsure page gets
 * no suggestion at all.
 */
export const suggestCommand: Command = {
  name: 'suggest',
  usage: 'suggest PAGE_ID',
  summary: '页面的业务与材料建议（含理由）/ business and material suggestions for a page, with reasons',
  options: {},
  run: (input) => {
    const pageId = input.positionals[0];
    if (!pageId) throw new UsageError('suggest: 请给出页面 ID / give a page id');
    return withFiling(input, async (ctx, filing) => {
      const { io } = input;
      if (!getPage(ctx.db, pageId)) {
        io.note(`没有这个页面 / no page ${pageId}`);
        if (io.json) io.result({ error: { code: 'not_found', message: `no page ${pageId}` } }, () => '');
        return 1;
      }
      const s = await suggestFromImage(ctx.db, ctx.blobs, filing.scheme().body, pageId);
      if (!s.hasText) io.note('页面尚未识别，无从建议 / page not read yet: nothing to suggest from (run hpf-desk ocr)');
      io.result({ business: s.businesses.map(plain), material: s.materials.map(plain) }, () =>
        [
          '业务 / business:',
          ...(s.businesses.length ? s.businesses.map(line) : ['  （不确定，不建议 / not sure: none)']),
          '材料 / material:',
          ...(s.materials.length ? s.materials.map(line) : ['  （不确定，不建议 / not sure: none)']),
        ].join('\n'),
      );
      return 0;
    });
  },
};
