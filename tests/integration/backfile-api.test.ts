import path from 'node:path';
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/contract';
import type { Core } from '../../electron/core/core-api';
import { DATABASE_FILE, openCore } from '../../electron/core/open-core';
import { addUser } from '../../electron/core/auth/user-store';
import { openDatabase } from '../../electron/core/store/open-database';
import { writeSmallPages } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';
import { signedInCaller } from '../helpers/desk-session';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
});

/** One core on a real store, called through the dispatcher exactly as the back-office screens call it. */
async function openDesk(dir: string) {
  const core = await openCore({ dataDir: path.join(dir, 'data'), actor: 'station-login', workers: 1, backgroundOcr: false });
  cores.push(core);
  const { raw, call } = await signedInCaller(core, { name: 'station-login', password: '246800' });
  return { raw, call };
}

describe('back-office API for the screens', () => {
  it('previews a catalogue with its raw cells beside the rows as mapped', async () => {
    const dir = await tempDir();
    const { call } = await openDesk(dir);
    const batch = await call<{ id: string }>('batches.create', { name: '存量 2003', kind: 'backfile' });
    const csv = path.join(dir, '目录.csv');
    await writeFile(csv, '档号,职工姓名,库位\r\nJ017-GJJ·2003-D30-TQ-0001,张三,A-01\r\nJ017-GJJ·2003-D30-TQ-0002,李四,A-02\r\n');
    const preview = await call<{ cells: string[][]; mapping: Record<string, string | null>; rows: Array<{ fields: Record<string, string> }> }>('catalogue.preview', { path: csv, mapping: { 库位: '备注' } });
    expect(preview.cells).toEqual([
      ['J017-GJJ·2003-D30-TQ-0001', '张三', 'A-01'],
      ['J017-GJJ·2003-D30-TQ-0002', '李四', 'A-02'],
    ]);
    expect(preview.mapping).toEqual({ 档号: '档号', 职工姓名: '姓名', 库位: '备注' });
    expect(preview.rows[1]!.fields).toEqual({ 姓名: '李四', 备注: 'A-02' });
    expect(await call('catalogue.import', { batchId: batch.id, path: csv, mapping: { 库位: '备注' } })).toMatchObject({ rows: 2, rowsWithProblems: 0 });
  });

  it('takes the keyer of each blind pass from the session: the two passes need two signed-in users, a name in the request counts for nothing', async () => {
    const dir = await tempDir();
    const core = await openCore({ dataDir: path.join(dir, 'data'), actor: 'station-login', workers: 1, backgroundOcr: false });
    cores.push(core);
    const admin = await signedInCaller(core, { name: 'station-login', password: '246800' });
    const db = openDatabase(path.join(dir, 'data', DATABASE_FILE));
    try {
      for (const name of ['王敏', '刘洋', '陈静']) await addUser(db, 'station-login', { name, role: 'archivist', password: `${name}-pass` });
    } finally {
      db.close();
    }
    const [wang, liu, chen] = await Promise.all(['王敏', '刘洋', '陈静'].map((name) => signedInCaller(core, { name, password: `${name}-pass` })));
    const batch = await admin.call<{ id: string }>('batches.create', { name: '存量 双录', kind: 'backfile' });
    const item = await admin.call<{ id: string }>('items.create', { batchId: batch.id, business: 'TQ-TX', businessDate: '2003-07-08', fields: {} });
    // Naming someone else in the request does not make it theirs.
    expect(await wang!.call('keying.submit', { itemId: item.id, pass: 1, keyer: '刘洋', fields: { 姓名: '王五', 金额: '8000' } })).toEqual({ item: item.id, pass: 1, waitingFor: 2 });
    const same = await wang!.raw('keying.submit', { itemId: item.id, pass: 2, keyer: '刘洋', fields: { 姓名: '王五' } });
    expect(same).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('different people') } });
    await liu!.call('keying.submit', { itemId: item.id, pass: 2, fields: { 姓名: '王伍', 金额: '8000' } });
    expect(await chen!.call('keying.compare', { itemId: item.id })).toEqual({ state: 'ready', keyers: ['王敏', '刘洋'], agreed: { 金额: '8000.00' }, differences: [{ field: '姓名', first: '王五', second: '王伍' }] });
    expect(await chen!.call('keying.resolve', { itemId: item.id, keyer: '王敏', choices: { 姓名: '王五' } })).toEqual({ item: item.id, version: 2 });
    const versions = (await chen!.call<{ versions: Array<{ actor: string; fields: Record<string, string> }> }>('items.get', { id: item.id, reveal: true })).versions;
    expect(versions.at(-1)).toMatchObject({ actor: '陈静', fields: { 姓名: '王五', 金额: '8000.00' } });
  });

  it('lists a batch’s QC samples newest first, with the decision’s reason', async () => {
    const dir = await tempDir();
    const { call, raw } = await openDesk(dir);
    const batch = await call<{ id: string }>('batches.create', { name: '存量 质检', kind: 'backfile' });
    await call('import.paths', { batchId: batch.id, paths: await writeSmallPages(dir, 4) });
    expect(await call('qc.list', { batchId: batch.id })).toEqual([]);
    expect(await raw('qc.list', { batchId: 'B-none' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const first = await call<{ id: string; pages: Array<{ page: string }> }>('qc.sample', { batchId: batch.id, rate: 0.25 });
    await call('qc.judge', { sampleId: first.id, pageId: first.pages[0]!.page, verdict: 'fail', reason: 'skewed' });
    await call('qc.decide', { sampleId: first.id, note: '倾斜，退回' });
    const second = await call<{ id: string }>('qc.sample', { batchId: batch.id, rate: 0.5 });
    const listed = await call<Array<{ id: string; state: string; note: string | null }>>('qc.list', { batchId: batch.id });
    expect(listed.map((s) => [s.id, s.state, s.note])).toEqual([
      [second.id, 'open', null],
      [first.id, 'rejected', '倾斜，退回'],
    ]);
  });
});
