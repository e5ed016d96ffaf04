import { writeStoreDb } from '../helpers/store-db';
import { describe, expect, it } from 'vitest';
import { checkEventChain } from '../../electron/core/audit/event-log';
import { openFilingStore } from '../helpers/filing-store';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('filing from the command line', () => {
  it('numbers 档号 without gaps or duplicates while four processes file at once', async () => {
    const root = await tempDir();
    const store = await openFilingStore(root, 32);
    const { filing, batchId, pageIds } = store;
    const items = pageIds.map((page, i) => {
      // Three lowest classes: 提取 2025, 提取 2024, 归集 2025.
      const [business, date] = i % 4 === 3 ? ['GJ-GRKH', '2025-04-01'] : i % 4 === 2 ? ['TQ-ZF', '2024-12-31'] : ['TQ-ZF', '2025-01-02'];
      const { item } = filing.createItem({ batchId, business: business!, businessDate: date!, fields: { 姓名: `职工${i}`, 证件号码: '110101199003074573', 金额: '1000' } });
      filing.assign({ itemId: item.id, pageIds: [page], material: business === 'GJ-GRKH' ? 'SFZ' : 'TQSQB' });
      return item.id;
    });
    const data = store.ctx.dataDir;
    await store.ctx.close();

    const runs = await Promise.all(
      [0, 1, 2, 3].map((k) =>
        runCli(['item', 'file', ...items.filter((_, i) => i % 4 === k), '--allow-missing', '并发测试', '--data', data, '--json']),
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const filed = runs.flatMap((r) => json<{ filed: Array<{ item: string; archivalCode: string }> }>(r).filed);
    expect(filed).toHaveLength(32);

    // Through the store's own opening: the audit chain checks only with the station key it binds.
    const db = await writeStoreDb(data);
    try {
      const rows = db.prepare('SELECT prefix, number, code, item_id FROM archival_codes ORDER BY prefix, number').all() as Array<{ prefix: string; number: number; code: string; item_id: string }>;
      expect(new Set(rows.map((r) => r.item_id)).size).toBe(32);
      expect(new Set(rows.map((r) => r.code)).size).toBe(32);
      const byPrefix = new Map<string, number[]>();
      for (const r of rows) byPrefix.set(r.prefix, [...(byPrefix.get(r.prefix) ?? []), r.number]);
      expect([...byPrefix.keys()].sort()).toEqual(['J017-GJJ·2024-D30-TQ', 'J017-GJJ·2025-D30-GJ', 'J017-GJJ·2025-D30-TQ']);
      for (const numbers of byPrefix.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      expect(filed.every((f) => rows.some((r) => r.item_id === f.item && r.code === f.archivalCode))).toBe(true);
      expect(checkEventChain(db).broken).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('creates, assigns, checks and files an item; refuses invalid values and missing materials with the reason', async () => {
    const store = await openFilingStore(await tempDir(), 3);
    const pages = store.pageIds.map((id) => ({ id }));
    const data = store.ctx.dataDir;
    await store.ctx.close();
    const cli = (...args: string[]) => runCli([...args, '--data', data, '--json']);

    const types = json<Array<{ code: string; name: string; class: string; checklists: unknown[] }>>(await cli('list', 'business-types'));
    expect(types.find((t) => t.code === 'TQ-GF')).toMatchObject({ id: 'TQ-GF', name: '购买自住住房', class: 'TQ', checklists: [{ version: '2019版' }, { version: '2024版' }] });

    const bad = await cli('item', 'new', '--batch', '柜台', '--business', 'TQ-GF', '--date', '2025-03-01', '--field', '证件号码=110101199003074574');
    expect(bad.code).toBe(1);
    expect(json<{ error: { message: string } }>(bad).error.message).toMatch(/校验位/);

    const created = await cli('item', 'new', '--batch', '柜台', '--business', 'TQ-ZF', '--date', '2025-03-01', '--field', '姓名=李四', '--field', '证件号码=110101199003074573', '--field', '金额=3000', '--field', '金额大写=叁仟元整');
    expect(created.code).toBe(0);
    const item = json<{ item: string; business: string; checklist: string; version: string }>(created);
    expect(item).toMatchObject({ business: 'TQ-ZF', version: '2000版' });

    expect(json(await cli('item', 'assign', item.item, '--page', pages[0]!.id, '--material', 'TQSQB'))).toMatchObject({ material: 'TQSQB' });
    expect((await cli('item', 'assign', item.item, '--page', pages[1]!.id, '--material', 'SFZ')).code).toBe(0);
    const check = json<{ item: string; checklist: string; version: string; missing: string[]; complete: boolean }>(await cli('check', item.item));
    expect(check).toMatchObject({ item: item.item, checklist: 'TQ-ZF', version: '2000版', missing: ['YHK'], complete: false });

    const refused = await cli('item', 'file', item.item);
    expect(refused.code).toBe(1);
    expect(json<{ error: { details: { missing: string[] } } }>(refused).error.details.missing).toEqual(['YHK']);
    expect((await cli('item', 'assign', item.item, '--page', pages[2]!.id, '--material', 'YHK')).code).toBe(0);
    const filed = json<{ item: string; archivalCode: string; dossier: string }>(await cli('item', 'file', item.item));
    expect(filed).toMatchObject({ item: item.item, archivalCode: 'J017-GJJ·2025-D30-TQ-0001', dossier: expect.stringMatching(/^K_/) });

    const listed = json<Array<{ id: string; archivalCode: string; fields: Record<string, string> }>>(await cli('list', 'items', '--batch', '柜台'));
    expect(listed[0]).toMatchObject({ id: item.item, archivalCode: filed.archivalCode, fields: { 证件号码: '1101**********4573' } });
  });
});
