import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../shared/contract';
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

describe('filing API (through the dispatcher, as the UI calls it)', () => {
  it('creates, assigns, checks and files; refuses bad input with per-field problems; masks PII unless revealed', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), workers: 1, backgroundOcr: false });
    cores.push(core);
    const { raw, call } = await signedInCaller(core);
    const batch = await call<{ id: string }>('batches.create', { name: '柜台 A' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 3) });
    const pages = await call<Array<{ id: string }>>('pages.list', { batchId: batch.id });

    const refused = await raw('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-30', fields: { 手机号码: '12345' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const badFields = await raw('items.create', { batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields: { 手机号码: '12345' } });
    expect(badFields.ok ? null : badFields.error.details).toMatchObject({ problems: [{ field: '手机号码', message: { zh: expect.stringMatching(/11 位/), en: expect.stringMatching(/11 digits/) } }] });
    expect((await raw('qc.sample', { batchId: batch.id, rate: 0.01 })).ok).toBe(false);

    const changed: string[] = [];
    core.subscribe((e: CoreEvent) => e.type === 'batch.changed' && changed.push(e.batchId));
    const item = await call<{ id: string; fields: Record<string, string> }>('items.create', {
      batchId: batch.id, business: 'TQ-ZF', businessDate: '2025-02-03', fields: { 姓名: '李四', 证件号码: '110101199003074573', 金额: '3000' },
    });
    expect(item.fields['证件号码']).toBe('1101**********4573');
    for (const [i, material] of ['TQSQB', 'SFZ', 'YHK'].entries()) await call('items.assign', { itemId: item.id, pageIds: [pages[i]!.id], material });
    expect(await call('items.check', { id: item.id })).toMatchObject({ complete: true, version: '2000版' });
    expect(await call('classify.pages', { pageIds: [pages[0]!.id] })).toEqual([{ page: pages[0]!.id, hasText: false, materials: [], businesses: [] }]);
    const filed = await call<{ archivalCode: string; dossier: string }>('items.file', { id: item.id });
    expect(filed.archivalCode).toBe('J001-GJJ·2025-D30-TQ-0001');
    expect(changed).toContain(batch.id);

    const revealed = await call<{ fields: Record<string, string>; versions: unknown[] }>('items.get', { id: item.id, reveal: true });
    expect(revealed.fields['证件号码']).toBe('110101199003074573');
    expect(revealed.versions).toHaveLength(1);
    expect(await call('dossiers.find', { field: '证件号码', value: '110101199003074573' })).toMatchObject({ id: filed.dossier, items: [{ archivalCode: filed.archivalCode }] });
  });
});
