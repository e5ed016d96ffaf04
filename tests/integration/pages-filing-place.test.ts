import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PageDetail, PageSummary } from '../../shared/contract';
import type { Core } from '../../electron/core/core-api';
import { openCore } from '../../electron/core/open-core';
import { writeSmallPages } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

describe('the page list says where each page stands in filing (for the thumbnails)', () => {
  it('loose, then in the batch’s first or second item with its material, then filed with the 档号 and its 件号', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    cores.push(core);
    const { call } = await signedInCaller(core);
    const batch = await call<{ id: string }>('batches.create', { name: '柜台 缩略图' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 4) });
    const list = () => call<PageSummary[]>('pages.list', { batchId: batch.id });
    const pages = await list();
    expect(pages.map((p) => p.filing)).toEqual([null, null, null, null]);

    const fields = { 姓名: '李四', 证件号码: '110101199003074573', 金额: '3000' };
    const first = await call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields });
    for (const [i, material] of ['TQSQB', 'SFZ', 'YHK'].entries()) await call('items.assign', { itemId: first.id, pageIds: [pages[i]!.id], material });
    const second = await call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-04', fields });
    await call('items.assign', { itemId: second.id, pageIds: [pages[3]!.id], material: 'SFZ' });

    const sorted = await list();
    expect(sorted[0]!.filing).toEqual({ itemId: first.id, itemSeq: 1, material: 'TQSQB', filed: false, archivalCode: null, itemNumber: null });
    expect(sorted[3]!.filing).toEqual({ itemId: second.id, itemSeq: 2, material: 'SFZ', filed: false, archivalCode: null, itemNumber: null });

    const filed = await call<{ archivalCode: string }>('items.file', { id: first.id });
    const after = await list();
    for (const page of after.slice(0, 3)) {
      expect(page.filing).toMatchObject({ itemId: first.id, itemSeq: 1, filed: true, archivalCode: filed.archivalCode, itemNumber: 1 });
    }
    expect(after[3]!.filing).toMatchObject({ itemSeq: 2, filed: false, itemNumber: null });
    // One page read alone says the same.
    expect((await call<PageDetail>('pages.get', { id: pages[1]!.id })).filing).toMatchObject({ material: 'SFZ', filed: true, itemNumber: 1 });

    // Taken back out of its (unfiled) item, a page is loose again.
    await call('pages.unassign', { pageIds: [pages[3]!.id] });
    expect((await list())[3]!.filing).toBeNull();
  });
});
