import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { Core } from '../../electron/core/core-api';
import { addUser } from '../../electron/core/auth/user-store';
import { DATABASE_FILE } from '../../electron/core/open-core';
import { openDatabase } from '../../electron/core/store/open-database';
import { writeSmallPages } from './filing-store';
import { signedInCaller, TEST_ADMIN } from './desk-session';

/** The ID number on the station's items: no list behind a figure may show it. */
export const STATS_PERSON = { 姓名: '张三', 证件号码: '110101199003074573', 手机号码: '13812345678', 金额: '12300' };

export const STATS_CLERKS = [
  { name: '王芳', role: 'clerk', password: '135791' },
  { name: '李明', role: 'clerk', password: '246802' },
  { name: '张伟', role: 'clerk', password: '357913' },
  { name: '赵强', role: 'archivist', password: 'arch-pass' },
] as const;

/**
 * A station whose figures are known by construction: three counter clerks and an archivist work
 * through the real API (the dispatcher, as the UI calls it) at the times given, which `at` sets
 * (a test fakes the clock with it; an e2e seed passes a no-op and everything happens now). The
 * timeline, in station time (UTC+8):
 *   03-01 23:30 王芳 opens 柜台A and imports 1 page (the day before the range)
 *   03-02 00:00 王芳 imports 3 pages; 09:00 makes a TQ-ZF item of them; 09:10 files it (33 000 s)
 *   03-02 10:00 李明 opens 柜台B, imports 2 pages; 10:30 files a TQ-GF item missing materials (1 800 s)
 *   03-03 11:00 赵强 opens backfile 回溯C, imports 4 pages; 11:30 one more; 13:00 a blank page and a
 *               150 dpi copy of the first page (low dpi, and a duplicate)
 *   03-03 14:00 admin samples all 7 pages of 回溯C; 14:10 fails the first two ('skewed'), passes 5; 14:20 rejects
 *   03-03 15:00 double entry of a 回溯C item: 赵强 and admin disagree on 姓名; admin resolves
 *   03-03 16:00 张伟 opens 柜台D and imports 2 pages
 */
export async function seedStatsStation(core: Core, dir: string, at: (iso: string) => void): Promise<void> {
  at('2026-03-01T15:00:00.000Z');
  const admin = await signedInCaller(core);
  const db = openDatabase(path.join(core.dataDir, DATABASE_FILE));
  try {
    for (const u of STATS_CLERKS) await addUser(db, TEST_ADMIN.name, u);
  } finally {
    db.close();
  }
  const as = async (name: string) => signedInCaller(core, { name, password: STATS_CLERKS.find((c) => c.name === name)!.password });
  const [wang, li, zhang, zhao] = [await as('王芳'), await as('李明'), await as('张伟'), await as('赵强')];
  const pages = async (n: number, prefix: string) => writeSmallPages(dir, n, prefix);
  const pageIds = async (caller: typeof admin, batchId: string) => (await caller.call<Array<{ id: string }>>('pages.list', { batchId })).map((p) => p.id);

  at('2026-03-01T15:30:00.000Z');
  const a = await wang.call<{ id: string }>('batches.create', { name: '柜台A' });
  // One set of distinct images per batch: the same image twice in a batch would be a duplicate.
  const aFiles = await pages(4, 'a');
  await wang.call('import.paths', { batchId: a.id, paths: aFiles.slice(0, 1) });
  at('2026-03-01T16:00:00.000Z');
  await wang.call('import.paths', { batchId: a.id, paths: aFiles.slice(1) });
  at('2026-03-02T01:00:00.000Z');
  const aPages = (await pageIds(wang, a.id)).slice(1);
  const zf = await wang.call<{ id: string }>('items.create', { batchId: a.id, business: 'TQ-ZF', businessDate: '2026-03-02', fields: STATS_PERSON });
  for (const [i, m] of ['TQSQB', 'SFZ', 'YHK'].entries()) await wang.call('items.assign', { itemId: zf.id, pageIds: [aPages[i]], material: m });
  at('2026-03-02T01:10:00.000Z');
  await wang.call('items.file', { id: zf.id });

  at('2026-03-02T02:00:00.000Z');
  const b = await li.call<{ id: string }>('batches.create', { name: '柜台B' });
  await li.call('import.paths', { batchId: b.id, paths: await pages(2, 'b') });
  at('2026-03-02T02:30:00.000Z');
  const bPages = await pageIds(li, b.id);
  const gf = await li.call<{ id: string }>('items.create', { batchId: b.id, business: 'TQ-GF', businessDate: '2026-03-02', fields: { ...STATS_PERSON, 婚姻状况: '未婚' } });
  for (const [i, m] of ['TQSQB', 'SFZ'].entries()) await li.call('items.assign', { itemId: gf.id, pageIds: [bPages[i]], material: m });
  await li.call('items.file', { id: gf.id, allowMissing: '购房合同在银行，三日内补交' });

  at('2026-03-03T03:00:00.000Z');
  const c = await zhao.call<{ id: string }>('batches.create', { name: '回溯C', kind: 'backfile' });
  const cFiles = await pages(5, 'c');
  await zhao.call('import.paths', { batchId: c.id, paths: cFiles.slice(0, 4) });
  at('2026-03-03T03:30:00.000Z');
  await zhao.call('import.paths', { batchId: c.id, paths: cFiles.slice(4) });
  at('2026-03-03T05:00:00.000Z');
  await zhao.call('import.paths', { batchId: c.id, paths: [await blankPage(dir), await lowDpiPage(dir)] });

  at('2026-03-03T06:00:00.000Z');
  const sample = await admin.call<{ id: string; pages: Array<{ page: string }> }>('qc.sample', { batchId: c.id, rate: 1 });
  at('2026-03-03T06:10:00.000Z');
  for (const [i, p] of sample.pages.entries()) {
    await admin.call('qc.judge', { sampleId: sample.id, pageId: p.page, ...(i < 2 ? { verdict: 'fail', reason: 'skewed' } : { verdict: 'pass' }) });
  }
  at('2026-03-03T06:20:00.000Z');
  await admin.call('qc.decide', { sampleId: sample.id });

  at('2026-03-03T07:00:00.000Z');
  const keyed = await zhao.call<{ id: string }>('items.create', { batchId: c.id, business: 'TQ-ZF', businessDate: '2001-05-04', fields: STATS_PERSON });
  await zhao.call('keying.submit', { itemId: keyed.id, pass: 1, fields: STATS_PERSON });
  await admin.call('keying.submit', { itemId: keyed.id, pass: 2, fields: { ...STATS_PERSON, 姓名: '张山' } });
  await admin.call('keying.resolve', { itemId: keyed.id, choices: { 姓名: '张三' } });

  at('2026-03-03T08:00:00.000Z');
  const d = await zhang.call<{ id: string }>('batches.create', { name: '柜台D' });
  await zhang.call('import.paths', { batchId: d.id, paths: await pages(2, 'd') });
}

async function blankPage(dir: string): Promise<string> {
  const file = path.join(dir, 'blank.png');
  await writeFile(file, await sharp({ create: { width: 120, height: 170, channels: 3, background: '#fff' } }).png().toBuffer());
  return file;
}

/** The first small page again, saying it was scanned at 150 dpi (below DA/T 31's 200): other bytes, the same pixels. */
async function lowDpiPage(dir: string): Promise<string> {
  const [source] = await writeSmallPages(dir, 1, 'lowdpi-src');
  const file = path.join(dir, 'lowdpi.png');
  await writeFile(file, await sharp(source!).withMetadata({ density: 150 }).png().toBuffer());
  return file;
}
