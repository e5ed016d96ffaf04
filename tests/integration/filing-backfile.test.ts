import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldChecks } from '../../shared/fields/field-checks';
import { importCatalogue, previewCatalogue, readCatalogueFile } from '../../electron/core/backfile/catalogue-store';
import { compareItemKeyings, resolveKeyings, submitKeying } from '../../electron/core/backfile/double-entry';
import { linkCatalogue } from '../../electron/core/backfile/link-catalogue';
import { createSample, decideSample, judgePage, listRescans, replaceRescanned } from '../../electron/core/backfile/qc-store';
import { itemVersions } from '../../electron/core/filing/item-store';
import { importPaths } from '../../electron/core/import/import-paths';
import { listPages } from '../../electron/core/store/repo/pages';
import { openFilingStore, writeSmallPages, type FilingStore } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

const HEADER = ['档号', '题名', '业务种类', '业务日期', '职工姓名', '身份证号', '页数', '提取金额', '库位'];
const code = (n: number) => `J017-GJJ·2003-D30-TQ-${String(n).padStart(4, '0')}`;
const ROWS = [
  [code(1), '张三提取住房公积金', '提取·购买自住住房', '2003-05-06', '张三', '110101199003074573', '2', '52000', 'A-01'],
  [code(2), '李四提取住房公积金', 'TQ-ZF', '2003年6月7日', '李四', '110101199003074573', '1', '3000', 'A-01'],
  [code(3), '王五提取住房公积金', 'TQ-TX', '2003-07-08', '王五', '110101199003074574', '1', '9000', 'A-02'],
  [code(4), '赵六（无图像）', 'TQ-TX', '2003-08-09', '赵六', '', '1', '', 'A-02'],
];

describe('backfile: catalogue import and image linking (数据挂接)', () => {
  it('maps columns by name and alias, previews rows with their problems, links images by naming rule and reports unmatched on both sides', async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 0);
    const { ctx, filing, batchId } = store;
    const xlsx = path.join(dir, '2003年提取目录.xlsx');
    await writeExcelFile([HEADER, ...ROWS]).toFile(xlsx);

    const table = await readCatalogueFile(xlsx);
    const preview = previewCatalogue(filing.scheme().body, fieldChecks, table);
    expect(preview.mapping).toEqual({ 档号: '档号', 题名: '题名', 业务种类: '业务类型', 业务日期: '办理日期', 职工姓名: '姓名', 身份证号: '证件号码', 页数: '页数', 提取金额: '金额', 库位: null });
    expect(preview.rows[0]).toMatchObject({ rowNo: 2, business: 'TQ-GF', businessDate: '2003-05-06', archivalCode: code(1), expectedPages: 2, fields: { 姓名: '张三', 证件号码: '110101199003074573' } });
    expect(preview.rows[1]).toMatchObject({ business: 'TQ-ZF', businessDate: '2003-06-07' });
    expect(preview.rows[2]!.problems.map((p) => p.field)).toEqual(['证件号码']);
    expect(preview.rowsWithProblems).toBe(1);

    const imported = importCatalogue(ctx.db, ctx.actor, filing.scheme().body, fieldChecks, { batchId, name: '2003年提取目录', table });
    expect(imported).toMatchObject({ rows: 4, rowsWithProblems: 1 });

    // Images named 档号-页号; one folder of strays: a file no row names, a row (赵六) with no file.
    const images = path.join(dir, 'images');
    await mkdir(path.join(images, '2003'), { recursive: true });
    const pages = await writeSmallPages(dir, 5, 'scan');
    const name = (n: number, page: number) => path.join(images, '2003', `${code(n)}-${String(page).padStart(3, '0')}.png`);
    const { copyFile } = await import('node:fs/promises');
    await copyFile(pages[0]!, name(1, 2));
    await copyFile(pages[1]!, name(1, 1));
    await copyFile(pages[2]!, name(2, 1));
    await copyFile(pages[3]!, name(3, 1));
    await copyFile(pages[4]!, path.join(images, '2003', `J017-GJJ·2003-D30-TQ-0099-001.png`));

    const linked = await linkCatalogue(ctx, filing.scheme(), { catalogueId: imported.catalogue, imagesDir: images, rule: '{档号}-{页号}' });
    expect(linked.linked.map((l) => [l.rowNo, l.pages])).toEqual([[2, 2], [3, 1], [4, 1]]);
    expect(linked.unmatchedRows).toEqual([{ rowNo: 5, key: code(4) }]);
    expect(linked.unmatchedFiles).toEqual(['2003/J017-GJJ·2003-D30-TQ-0099-001.png']);
    expect(linked.importErrors).toEqual([]);

    // Page order follows 页号, not the file order on disk.
    const first = filing.getItem(linked.linked[0]!.item, true);
    expect(first).toMatchObject({ business: 'TQ-GF', businessDate: '2003-05-06', fields: { 姓名: '张三', 题名: '张三提取住房公积金' } });
    const bySource = new Map(listPages(ctx.db, batchId).map((p) => [p.id, p.source.file]));
    expect(first.documents[0]!.pageIds.map((id) => bySource.get(id))).toEqual([path.basename(name(1, 1)), path.basename(name(1, 2))]);

    // Filing adopts the catalogue's 档号; new numbers in that class continue after it.
    filing.assign({ itemId: first.id, pageIds: first.documents[0]!.pageIds, material: 'TQSQB' });
    expect(filing.file(first.id, { allowMissing: '存量档案，按原目录著录' }).archivalCode).toBe(code(1));

    // Running the link again links nothing twice.
    const again = await linkCatalogue(ctx, filing.scheme(), { catalogueId: imported.catalogue, imagesDir: images, rule: '{档号}-{页号}' });
    expect(again.linked).toEqual([]);
    expect(again.unmatchedFiles).toHaveLength(5);
  });

  it('reads a GB18030 CSV exported by Excel', async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 0);
    const csv = path.join(dir, 'catalogue.csv');
    const text = `${HEADER.join(',')}\r\n${ROWS.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n')}\r\n`;
    await writeFile(csv, Buffer.from(new TextEncoder().encode(text)));
    const utf8 = await readCatalogueFile(csv);
    expect(utf8.rows[0]![4]).toBe('张三');
    // GB18030 bytes: 姓名 (D0D5 C3FB),x CRLF 张三 (D5C5 C8FD),1 CRLF.
    await writeFile(csv, Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0x78, 0x0d, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0d, 0x0a]));
    expect(await readCatalogueFile(csv)).toMatchObject({ headers: ['姓名', 'x'], rows: [['张三', '1']] });
  });
});

describe('backfile: double entry and QC sampling', () => {
  it('keeps double entry blind until both passes are in, then shows the differences for resolution', async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 1, 'keyer-a');
    const { ctx, filing, batchId } = store;
    const { item } = filing.createItem({ batchId, business: 'TQ-TX', businessDate: '2003-07-08', fields: {} });
    const scheme = filing.scheme();
    expect(submitKeying(ctx.db, 'keyer-a', scheme, { itemId: item.id, pass: 1, fields: { 姓名: '王五', 证件号码: '110101199003074573', 金额: '8000' } })).toMatchObject({ waitingFor: 2 });
    expect(compareItemKeyings(ctx.db, item.id)).toEqual({ state: 'waiting', keyed: [1] });
    expect(() => submitKeying(ctx.db, 'keyer-a', scheme, { itemId: item.id, pass: 2, fields: { 姓名: '王五' } })).toThrow(/different people/);
    expect(() => submitKeying(ctx.db, 'keyer-b', scheme, { itemId: item.id, pass: 2, fields: { 证件号码: '110101199003074574' } })).toThrow(/校验位/);
    submitKeying(ctx.db, 'keyer-b', scheme, { itemId: item.id, pass: 2, fields: { 姓名: '王伍', 证件号码: '110101199003074573', 金额: '8000.00' } });
    const comparison = compareItemKeyings(ctx.db, item.id);
    expect(comparison).toEqual({
      state: 'ready',
      keyers: ['keyer-a', 'keyer-b'],
      agreed: { 证件号码: '110101199003074573', 金额: '8000.00' },
      differences: [{ field: '姓名', first: '王五', second: '王伍' }],
    });
    expect(() => resolveKeyings(ctx.db, 'checker', scheme, item.id, {})).toThrow(/姓名/);
    expect(resolveKeyings(ctx.db, 'checker', scheme, item.id, { 姓名: '王五' })).toEqual({ item: item.id, version: 2 });
    expect(itemVersions(ctx.db, item.id).at(-1)).toMatchObject({ actor: 'checker', reason: '双录核对 / double-entry resolution', fields: { 姓名: '王五', 证件号码: '110101199003074573', 金额: '8000.00' } });
  });

  it('samples at least 5 % reproducibly, takes per-page verdicts with reasons, rejects the batch and sends failed pages back for rescan', async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 40);
    const { ctx, batchId } = store;
    expect(() => createSample(ctx.db, 'qc', { batchId, rate: 0.04 })).toThrow(/5%/);
    const sample = createSample(ctx.db, 'qc', { batchId, rate: 0.1, seed: 42 });
    expect(sample.pages).toHaveLength(4);
    expect(createSample(ctx.db, 'qc', { batchId, rate: 0.1, seed: 42 }).pages.map((p) => p.page)).toEqual(sample.pages.map((p) => p.page));
    const [p1, p2, p3, p4] = sample.pages.map((p) => p.page);
    expect(() => judgePage(ctx.db, 'qc', { sampleId: sample.id, pageId: p1!, verdict: 'fail' })).toThrow(/reason/);
    judgePage(ctx.db, 'qc', { sampleId: sample.id, pageId: p1!, verdict: 'pass' });
    judgePage(ctx.db, 'qc', { sampleId: sample.id, pageId: p2!, verdict: 'fail', reason: 'skewed', note: '倾斜约 5°' });
    expect(() => decideSample(ctx.db, 'qc', sample.id)).toThrow(/2 sampled pages/);
    judgePage(ctx.db, 'qc', { sampleId: sample.id, pageId: p3!, verdict: 'pass' });
    judgePage(ctx.db, 'qc', { sampleId: sample.id, pageId: p4!, verdict: 'pass' });
    const decided = decideSample(ctx.db, 'qc', sample.id, '合格率 75%，退回重扫');
    expect(decided).toMatchObject({ state: 'rejected', result: { judged: 4, passed: 3, failed: 1, passRate: 0.75, accepted: false } });
    expect(listRescans(ctx.db, batchId)).toMatchObject([{ page: p2, reason: 'skewed', note: '倾斜约 5°', state: 'open' }]);

    // The rescan takes the rejected page's place; the rejected page is kept in the trash.
    const [rescan] = await writeSmallPages(dir, 1, 'rescan');
    await importPaths(ctx, batchId, [rescan!]);
    const fresh = listPages(ctx.db, batchId).at(-1)!.id;
    const before = listPages(ctx.db, batchId).map((p) => p.id);
    replaceRescanned(ctx.db, 'scanner-1', p2!, fresh);
    const after = listPages(ctx.db, batchId).map((p) => p.id);
    expect(after).toEqual(before.filter((id) => id !== fresh).map((id) => (id === p2 ? fresh : id)));
    expect(listRescans(ctx.db, batchId)).toMatchObject([{ page: p2, state: 'done' }]);
  });
});
