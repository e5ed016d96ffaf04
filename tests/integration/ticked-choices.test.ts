import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tickedForm } from '../../electron/core/bench/ticked-forms';
import { SchemeSource } from '../../electron/core/filing/scheme-source';
import { withTickedChoices } from '../../electron/core/filing/ticked-on-page';
import { importPaths } from '../../electron/core/import/import-paths';
import { readPageOcr } from '../../electron/core/ocr/page-ocr';
import { openCoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('choice elements ticked on the scan', () => {
  it('proposes the 婚姻状况 whose box is ticked in the image, and nothing when none is', { timeout: 180_000 }, async () => {
    const root = await tempDir();
    const data = path.join(root, 'data');
    const ctx = await openCoreContext({ dataDir: data, workers: 1, actor: 'test' });
    let marriedPage = '';
    try {
      // A pen tick and a filled box are not in the text OCR reads: only the image tells.
      const forms = [tickedForm(0, 'tick', 1, 1), tickedForm(1, 'filled', 2, 3), tickedForm(2, 'tick', 3, null)];
      const files = await Promise.all(forms.map(async (f) => {
        const file = path.join(root, `${f.name}.png`);
        await f.image.toFile(file);
        return file;
      }));
      const batch = createBatch(ctx.db, 'test', { name: '柜台', kind: 'counter', business: null }).id;
      await importPaths(ctx, batch, files);
      ctx.ocr.start({ auto: false });
      ctx.ocr.enqueue({ batchId: batch });
      await ctx.ocr.whenIdle();

      const scheme = new SchemeSource(ctx.db).current().body;
      const proposed = async (pageId: string) => (await withTickedChoices(ctx.db, ctx.blobs, scheme, readPageOcr(ctx.db, scheme, pageId)!)).proposals;
      const pageIds = listPages(ctx.db, batch).map((p) => p.id);
      marriedPage = pageIds[0]!;
      const [married, widowed, none] = await Promise.all(pageIds.map(proposed));
      // Asked again (a batch's proposals, every classification), the image lookup compiles no SQL anew.
      const ocrs = pageIds.map((id) => readPageOcr(ctx.db, scheme, id)!);
      const prepare = vi.spyOn(ctx.db, 'prepare');
      try {
        await Promise.all(ocrs.map((ocr) => withTickedChoices(ctx.db, ctx.blobs, scheme, ocr)));
        expect(prepare).not.toHaveBeenCalled();
      } finally {
        prepare.mockRestore();
      }

      expect(married!.filter((p) => p.field === '婚姻状况')).toEqual([
        expect.objectContaining({ value: '已婚', notes: ['标签 label: 婚姻状况', '勾选 ticked: 已婚（图像 image）'] }),
      ]);
      expect(widowed!.filter((p) => p.field === '婚姻状况').map((p) => p.value)).toEqual(['丧偶']);
      expect(none!.filter((p) => p.field === '婚姻状况')).toEqual([]);
      // The forms give only the ID number: its type is inferred from the number, and says so.
      expect(married!.find((p) => p.field === '证件类型')).toMatchObject({ value: '居民身份证', notes: [expect.stringContaining('推断')] });
    } finally {
      await ctx.close();
    }
    // `hpf-desk text` prints the proposals the item form gets, the image's tick included.
    const text = json<{ proposals: Array<{ field: string; value: string }> }>(await runCli(['text', marriedPage, '--data', data, '--json']));
    expect(text.proposals.filter((p) => p.field === '婚姻状况').map((p) => p.value)).toEqual(['已婚']);
  });
});
