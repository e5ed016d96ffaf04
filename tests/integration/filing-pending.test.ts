import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PendingItem } from '../../shared/contract';
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

describe('容缺 pending list (items.pending)', () => {
  it('lists items filed with materials missing with what each still lacks, and drops one once a supplement brings it', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    cores.push(core);
    const { call, raw } = await signedInCaller(core);
    const batch = await call<{ id: string }>('batches.create', { name: '柜台 容缺' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 6) });
    const pages = (await call<Array<{ id: string }>>('pages.list', { batchId: batch.id })).map((p) => p.id);
    const fields = { 姓名: '李四', 证件号码: '110101199003074573', 金额: '3000' };

    // One complete item and one filed without its bank card: only the second is pending.
    const complete = await call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields });
    for (const [i, material] of ['TQSQB', 'SFZ', 'YHK'].entries()) await call('items.assign', { itemId: complete.id, pageIds: [pages[i]!], material });
    await call('items.file', { id: complete.id });
    expect(await call('items.pending', {})).toEqual([]);

    const short = await call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-04', fields });
    await call('items.assign', { itemId: short.id, pageIds: [pages[3]!], material: 'TQSQB' });
    const filed = await call<{ archivalCode: string }>('items.file', { id: short.id, allowMissing: '客户明天补交身份证和银行卡' });
    const pending = await call<PendingItem[]>('items.pending', {});
    expect(pending).toEqual([
      expect.objectContaining({
        item: short.id,
        batchId: batch.id,
        archivalCode: filed.archivalCode,
        business: 'TQ-ZF',
        reason: '客户明天补交身份证和银行卡',
        missing: [expect.objectContaining({ material: 'SFZ', name: '身份证' }), expect.objectContaining({ material: 'YHK' })],
      }),
    ]);
    // No personal value travels with the list.
    expect(JSON.stringify(pending)).not.toContain('110101199003074573');
    expect(JSON.stringify(pending)).not.toContain('李四');

    // The supplements arrive (pages scanned later): one material still lacks, then none; the audit log has each with its reason.
    const added = pages.slice(4);
    expect(await raw('items.assign', { itemId: short.id, pageIds: [added[0]!], material: 'SFZ' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call('items.assign', { itemId: short.id, pageIds: [added[0]!], material: 'SFZ', reason: '补交身份证' });
    expect((await call<PendingItem[]>('items.pending', {}))[0]!.missing.map((m) => m.material)).toEqual(['YHK']);
    await call('items.assign', { itemId: short.id, pageIds: [added[1]!], material: 'YHK', reason: '补交银行卡' });
    expect(await call('items.pending', {})).toEqual([]);
  });
});
