import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { writeSmallPages } from '../helpers/filing-store';
import { readStoreDb, storeBlobs } from '../helpers/store-db';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

const ID = '110101199003074573';

/** The PDF's text as poppler reads it, laid out as printed. */
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf, encoding: 'utf8' });

describe('item papers (items.print): the 受理回执 and the cover with its 卷内目录, as PDF with real text', () => {
  it('prints what was received and what is missing on the receipt, and the documents with their page numbers in the 卷内目录', async () => {
    const dir = await tempDir();
    const dataDir = path.join(dir, 'data');
    const core = await openCore({ dataDir, workers: 1, backgroundOcr: false });
    cores.push(core);
    const { call } = await signedInCaller(core);
    const batch = await call<{ id: string }>('batches.create', { name: '柜台 回执' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 3) });
    const pages = (await call<Array<{ id: string }>>('pages.list', { batchId: batch.id })).map((p) => p.id);
    const item = await call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields: { 姓名: '李四', 证件号码: ID, 金额: '3000' } });
    await call('items.assign', { itemId: item.id, pageIds: [pages[0]!, pages[1]!], material: 'TQSQB' });
    await call('items.assign', { itemId: item.id, pageIds: [pages[2]!], material: 'SFZ' });
    const filed = await call<{ archivalCode: string }>('items.file', { id: item.id, allowMissing: '客户下周补交银行卡' });
    const blobs = await storeBlobs(dataDir);

    const receipt = await call<{ pdfSha256: string }>('items.print', { id: item.id, paper: 'receipt' });
    const receiptText = pdfText(await blobs.read(receipt.pdfSha256));
    expect(receiptText).toContain('住房公积金业务受理回执');
    expect(receiptText).toContain(`档号：${filed.archivalCode}`);
    expect(receiptText).toMatch(/已收材料：\s+1\. 提取申请表\s+2\s*页\s+2\. 身份证\s+1\s*页/);
    expect(receiptText).toMatch(/尚缺材料（请补交）：\s+1\. 银行卡/);
    expect(receiptText).toContain('容缺受理：客户下周补交银行卡');
    // The paper leaves the counter: personal numbers as masked as on screen.
    expect(receiptText).toContain('1101**********4573');
    expect(receiptText).not.toContain(ID);

    const cover = await call<{ pdfSha256: string }>('items.print', { id: item.id, paper: 'cover' });
    const coverText = pdfText(await blobs.read(cover.pdfSha256));
    expect(coverText).toContain(`档号：${filed.archivalCode}`);
    expect(coverText).toContain('页数：3');
    expect(coverText).toMatch(/卷内目录\s+序号\s+文件题名\s+页号\s+页数\s+1\s+提取申请表\s+1-2\s+2\s+2\s+身份证\s+3\s+1/);
    // Each print is in the audit log, and the PDFs are stored objects that verify checks.
    const db = await readStoreDb(dataDir);
    const printed = db.prepare("SELECT subject, data FROM events WHERE kind = 'item.printed' ORDER BY id").all() as Array<{ subject: string; data: string }>;
    db.close();
    expect(printed.map((e) => [e.subject, JSON.parse(e.data).paper])).toEqual([[item.id, 'receipt'], [item.id, 'cover']]);
    expect(await call('store.verify', {})).toMatchObject({ ok: true });
  });
});
