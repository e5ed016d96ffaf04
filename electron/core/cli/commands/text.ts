import { SchemeSource } from '../../filing/scheme-source';
import { withTickedChoices } from '../../filing/ticked-on-page';
import { readPageOcr } from '../../ocr/page-ocr';
import { pageStates } from '../../store/repo/ocr-results';
import { getPage } from '../../store/repo/pages';
import { UsageError } from '../cli-io';
import type { Command } from '../command';

export const textCommand: Command = {
  name: 'text',
  usage: 'text PAGE_ID',
  summary: '页面的识别文字（阅读顺序）/ the OCR text of a page, in reading order',
  options: {},
  async run({ open, io, positionals }) {
    const pageId = positionals[0];
    if (!pageId) throw new UsageError('text: 请给出页面 ID / give a page id');
    const ctx = await open({ workers: 1 });
    try {
      if (!getPage(ctx.db, pageId)) {
        io.note(`没有这个页面 / no page ${pageId}`);
        if (io.json) io.result({ error: { code: 'not_found', message: `no page ${pageId}` } }, () => '');
        return 1;
      }
      // The same proposals as the item form: choices ticked only in the image included.
      const scheme = new SchemeSource(ctx.db).current().body;
      const text = readPageOcr(ctx.db, scheme, pageId);
      const ocr = text && (await withTickedChoices(ctx.db, ctx.blobs, scheme, text));
      if (!ocr) {
        const state = pageStates(ctx.db, { pageIds: [pageId] })[0];
        const message = `页面尚未识别（${state?.state ?? 'none'}）/ page not read yet (${state?.state ?? 'none'}): run hpf-desk ocr`;
        io.note(message);
        if (io.json) io.result({ error: { code: 'not_read', message, state: state?.state ?? 'none' } }, () => '');
        return 1;
      }
      const words = ocr.lines.flatMap((line) => line.words);
      io.result(
        {
          page: pageId, text: ocr.text, confidence: ocr.confidence, engine: ocr.engine, model: ocr.model,
          angle: ocr.angle, words, lines: ocr.lines, proposals: ocr.proposals,
        },
        () => ocr.text,
      );
      return 0;
    } finally {
      await ctx.close();
    }
  },
};
