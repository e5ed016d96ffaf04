import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openCore } from '../../electron/core/open-core';
import { json, runCli } from '../helpers/run-cli';
import { TEST_ADMIN } from '../helpers/desk-session';
import { seedStatsStation } from '../helpers/stats-station';

let dir = '';
let data = '';
// One station seeded with a faked clock (see stats-station.ts), then closed: the CLI opens it as a user would.
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'hpf-stats-cli-'));
  data = path.join(dir, 'data');
  vi.useFakeTimers({ toFake: ['Date'] });
  const core = await openCore({ dataDir: data, workers: 1, backgroundOcr: false });
  try {
    await seedStatsStation(core, dir, (iso) => vi.setSystemTime(new Date(iso)));
  } finally {
    vi.useRealTimers();
    await core.close();
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const as = (user: string, password: string) => ({ env: { HPF_DESK_PASSWORD: password }, user: ['--user', user] });
const ADMIN = as(TEST_ADMIN.name, TEST_ADMIN.password);
const RANGE = ['--from', '2026-03-02', '--to', '2026-03-03'];

describe('hpf-desk stats', () => {
  it('writes a real workbook: one sheet per view, Chinese headers, number formats, the definitions', async () => {
    const xlsx = path.join(dir, 'stats.xlsx');
    const csv = path.join(dir, 'by-clerk.csv');
    const run = await runCli(['stats', '--data', data, ...ADMIN.user, ...RANGE, '--by', 'clerk', '--xlsx', xlsx, '--csv', csv], { env: ADMIN.env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('按人员 by clerk');
    expect(run.stdout).toMatch(/■ 赵强[\s\S]*质检合格率 \(QC pass rate\)\s+71\.4%/);

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((s) => s.name)).toEqual(['总计', '按人员', '按业务类型', '按批次类型', '按日', '质检不合格原因', '指标说明']);
    const total = book.getWorksheet('总计')!;
    expect(String(total.getCell('A1').value)).toContain('2026-03-02 至 2026-03-03');
    expect(total.getCell('A2').value).toBe('统计期间 (range)');
    expect(total.getCell('B2').value).toBe('采集页数 (pages captured)');
    expect(total.getCell('B3').value).toBe(14);
    const headers = (total.getRow(2).values as unknown[]).slice(1);
    const cell = (sheet: ExcelJS.Worksheet, header: string, row: number) => sheet.getRow(row).getCell(headers.indexOf(header) + 1);
    expect(cell(total, '质检合格率 (QC pass rate)', 3).value).toBeCloseTo(5 / 7, 12);
    expect(cell(total, '质检合格率 (QC pass rate)', 3).numFmt).toBe('0.0%');
    expect(cell(total, '办结用时90分位 (time to file, 90th percentile)', 3).value).toBe(33000);
    expect(cell(total, '待关闭批次 (batches waiting to be closed)', 3).value).toBe(4);
    const byDay = book.getWorksheet('按日')!;
    expect([byDay.getCell('A3').value, byDay.getCell('B3').value, byDay.getCell('A4').value, byDay.getCell('B4').value]).toEqual(['2026-03-02', 5, '2026-03-03', 9]);
    expect(byDay.getCell('B3').numFmt).toBe('#,##0');
    expect(book.getWorksheet('质检不合格原因')!.getRow(2).values).toEqual([undefined, 'skewed', 2]);
    expect(book.getWorksheet('指标说明')!.rowCount).toBeGreaterThan(20);

    const text = await readFile(csv, 'utf8');
    expect(text.startsWith('\uFEFF人员 (clerk),采集页数 (pages captured),')).toBe(true);
    const rows = text.slice(1).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows.map((r) => [r[0], r[1]])).toEqual([['人员 (clerk)', '采集页数 (pages captured)'], ['admin', '0'], ['张伟', '2'], ['李明', '2'], ['王芳', '3'], ['赵强', '7']]);
  });

  it('answers --json with the report; a clerk gets only their own and is refused another’s', async () => {
    const wang = as('王芳', '135791');
    const own = json<{ scope: unknown; views: { total: Array<{ values: { pagesCaptured: number } }> } }>(
      await runCli(['stats', '--data', data, ...wang.user, ...RANGE, '--json'], { env: wang.env }),
    );
    expect(own.scope).toEqual({ kind: 'own', clerk: '王芳' });
    expect(own.views.total[0]!.values.pagesCaptured).toBe(3);
    const refused = await runCli(['stats', '--data', data, ...wang.user, ...RANGE, '--clerk', '李明', '--json'], { env: wang.env });
    expect(refused.code).toBe(1);
    expect(json<{ error: { code: string } }>(refused).error.code).toBe('forbidden');
    const bad = await runCli(['stats', '--data', data, ...ADMIN.user, '--from', '2026-03-05', '--to', '2026-03-01'], { env: ADMIN.env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/from must not be after to/);
  });
});
