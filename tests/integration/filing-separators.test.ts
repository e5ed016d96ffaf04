import { execFileSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldChecks } from '../../shared/fields/field-checks';
import { printSheets } from '../../electron/core/separators/sheets';
import { importPaths } from '../../electron/core/import/import-paths';
import { listPages } from '../../electron/core/store/repo/pages';
import { listTrash } from '../../electron/core/pages/page-ops';
import { openFilingStore, writeSmallPages, type FilingStore } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

/** Print the sheets as PDF and "scan" them: poppler rasterizes each page at the given resolution. */
async function printAndScan(dir: string, pdf: Uint8Array, dpi: number): Promise<string[]> {
  const file = path.join(dir, 'sheets.pdf');
  await writeFile(file, pdf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-gray', '-png', file, path.join(dir, `sheet-${dpi}`)]);
  return (await readdir(dir)).filter((n) => n.startsWith(`sheet-${dpi}`)).sort().map((n) => path.join(dir, n));
}

describe.each([200, 300])('separator sheets scanned at %i dpi', (dpi) => {
  it('split the batch into items filled from the barcode; back-to-back sheets make no item; a missed separator is caught', async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 0);
    const { ctx, filing, batchId } = store;
    const printed = await printSheets(ctx.db, ctx.actor, filing.scheme(), fieldChecks, {
      batchId,
      kind: 'separator',
      sheets: [
        { business: 'TQ-GF', businessDate: '2025-03-01', fields: { 姓名: '张三', 证件号码: '110101199003074573' }, expectedPages: 2 },
        { business: 'TQ-ZF', businessDate: '2025-03-01', expectedPages: 1 },
        { business: 'TQ-ZF', businessDate: '2025-03-02', fields: { 姓名: '李四' }, expectedPages: 1 },
      ],
    });
    const [sheetA, sheetB, sheetC] = await printAndScan(dir, printed.pdf, dpi);
    const [a1, a2, c1, c2] = await writeSmallPages(dir, 4, 'content');
    // Scan order: A a1 a2 | B (nothing after it) | C c1 c2 — the separator between c1 and c2 was missed.
    const result = await importPaths(ctx, batchId, [sheetA!, a1!, a2!, sheetB!, sheetC!, c1!, c2!]);
    expect(result.rejected).toEqual([]);
    const pageIds = listPages(ctx.db, batchId).map((p) => p.id);
    expect(pageIds).toHaveLength(7);

    const split = await filing.split(batchId, dpi === 300);
    expect(split.failed).toEqual([]);
    expect(split.emptySheets).toEqual([printed.keys[1]]);
    expect(split.items.map((i) => [i.key, i.business, i.pages])).toEqual([
      [printed.keys[0], 'TQ-GF', 2],
      [printed.keys[2], 'TQ-ZF', 2],
    ]);
    expect(split.items[0]!.problems).toEqual([]);
    expect(split.items[1]!.problems).toEqual([{ kind: 'page_count', expected: 1, actual: 2, missedSeparatorBefore: pageIds[6] }]);

    const first = filing.getItem(split.items[0]!.item, true);
    expect(first).toMatchObject({ business: 'TQ-GF', businessDate: '2025-03-01', fields: { 姓名: '张三', 证件号码: '110101199003074573' } });
    const contentDocs = first.documents.filter((d) => d.title === '未分类材料');
    expect(contentDocs.map((d) => d.pageIds)).toEqual([[pageIds[1], pageIds[2]]]);
    if (dpi === 300) {
      // Kept: the sheets become the item's first document; B's sheet goes with C's.
      expect(first.documents.find((d) => d.title === '分隔页')?.pageIds).toEqual([pageIds[0]]);
      expect(filing.getItem(split.items[1]!.item, false).documents.find((d) => d.title === '分隔页')?.pageIds).toEqual([pageIds[3], pageIds[4]]);
      expect(listTrash(ctx.db, batchId)).toEqual([]);
    } else {
      expect(listTrash(ctx.db, batchId).map((t) => t.page).sort()).toEqual([pageIds[0], pageIds[3], pageIds[4]].sort());
      expect(listPages(ctx.db, batchId).map((p) => p.id)).toEqual([pageIds[1], pageIds[2], pageIds[5], pageIds[6]]);
    }
    // Splitting again finds nothing loose: no new items.
    expect((await filing.split(batchId, false)).items).toEqual([]);
  });
});
