import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchDocument, ChecklistCheck } from '../../shared/contract';
import type { Core } from '../../electron/core/core-api';
import { DATABASE_FILE, openCore } from '../../electron/core/open-core';
import { writeSmallPages } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

describe('taking a page back out of its item', () => {
  it('makes a mis-assigned page loose again, audited; loose pages and filed items refuse it', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    cores.push(core);
    const { raw, call } = await signedInCaller(core);
    const present = async (id: string) => (await call<ChecklistCheck>('items.check', { id })).lines.filter((l) => l.present).map((l) => l.material);
    const batch = await call<{ id: string }>('batches.create', { name: '柜台 取回' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 4) });
    const pages = (await call<Array<{ id: string }>>('pages.list', { batchId: batch.id })).map((p) => p.id);
    const item = await call<{ id: string }>('items.create', {
      batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields: { 姓名: '李四', 证件号码: '110101199003074573', 金额: '3000' },
    });
    await call('items.assign', { itemId: item.id, pageIds: [pages[0]!], material: 'TQSQB' });
    await call('items.assign', { itemId: item.id, pageIds: [pages[1]!], material: 'SFZ' });
    expect(await present(item.id)).toContain('SFZ');

    // The 身份证 was a purchase contract after all: taken back, it is loose and unsorted again.
    await call('pages.unassign', { pageIds: [pages[1]!] });
    const docs = await call<BatchDocument[]>('documents.list', { batchId: batch.id });
    const holding = docs.find((d) => d.pageIds.includes(pages[1]!))!;
    expect(holding).toMatchObject({ itemId: null, material: null });
    expect(await present(item.id)).not.toContain('SFZ');

    const loose = await raw('pages.unassign', { pageIds: [pages[2]!] });
    expect(loose).toMatchObject({ ok: false, error: { code: 'bad_request' } });

    await call('items.assign', { itemId: item.id, pageIds: [pages[1]!], material: 'SFZ' });
    await call('items.assign', { itemId: item.id, pageIds: [pages[3]!], material: 'YHK' });
    await call('items.file', { id: item.id });
    const filed = await raw('pages.unassign', { pageIds: [pages[0]!] });
    expect(filed).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const db = new Database(path.join(dir, 'data', DATABASE_FILE), { readonly: true });
    try {
      const events = db.prepare("SELECT data FROM events WHERE kind = 'pages.unassigned'").pluck().all() as string[];
      expect(events.map((e) => JSON.parse(e))).toEqual([{ pages: [pages[1]], from: [item.id] }]);
    } finally {
      db.close();
    }
  });
});
