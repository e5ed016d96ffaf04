import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getDossier } from '../../electron/core/filing/dossiers';
import type { DueDossier } from '../../electron/core/filing/retention-due';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { json, runCli } from '../helpers/run-cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

const LOAN = { 贷款合同号: 'GJJDK-2001-0042', 姓名: '程强', 证件号码: '610113197104224619', 婚姻状况: '已婚' };
const UNIT = { 单位名称: '西安市新城区环卫所', 统一社会信用代码: '91310115MA1H7GQX9R', 单位账号: '310115098969' };
const PERSON = { 姓名: '张三', 证件号码: '110101199003074573', 金额: '12300' };

interface DueReport { before: string; dossiers: DueDossier[] }

describe('retention that starts at an event (一贷一档 from 结清, 一企一档 from 销户)', () => {
  it('a loan dossier\'s retention end moves when its settlement item is filed; `retention due` lists it only then', async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 5);
    const { filing, batchId, pageIds: p, ctx } = store;
    const data = path.join(dir, 'data');
    const fileOne = (business: string, businessDate: string, fields: Record<string, string>, page: string, material: string) => {
      const { item } = filing.createItem({ batchId, business, businessDate, fields });
      filing.assign({ itemId: item.id, pageIds: [page], material });
      return filing.file(item.id, { allowMissing: '其余要件见纸质档案' });
    };
    const due = async (before: string) => {
      const run = await runCli(['retention', 'due', '--before', before, '--data', data, '--json']);
      expect(run.code, run.stderr).toBe(0);
      return json<DueReport>(run).dossiers.map((d) => [d.id, d.until]);
    };

    const application = fileOne('DK-SQ', '2001-05-14', LOAN, p[0]!, 'DKSQB');
    const withdrawal = fileOne('TQ-ZF', '2003-07-01', PERSON, p[1]!, 'TQSQB');
    const opening = fileOne('GJ-DWKH', '2002-01-06', UNIT, p[2]!, 'DWDJB');
    const loanId = application.dossier!;
    expect(getDossier(ctx.db, filing.scheme().body, loanId).retentionUntil).toBeNull();
    // The withdrawal counts from filing (D30); the loan and the employer wait for their event.
    expect(await due('2100-01-01')).toEqual([[withdrawal.dossier, '2033-07-01']]);

    fileOne('DK-JQ', '2005-03-01', LOAN, p[3]!, 'JQZM');
    expect(getDossier(ctx.db, filing.scheme().body, loanId)).toMatchObject({ settledOn: '2005-03-01', retentionUntil: '2035-03-01' });
    expect(await due('2100-01-01')).toEqual([[withdrawal.dossier, '2033-07-01'], [loanId, '2035-03-01']]);
    expect(await due('2035-03-01')).toEqual([[withdrawal.dossier, '2033-07-01']]);

    fileOne('GJ-XH', '2010-12-31', UNIT, p[4]!, 'DWBGB');
    expect(getDossier(ctx.db, filing.scheme().body, opening.dossier!).retentionUntil).toBe('2040-12-31');
    const report = json<DueReport>(await runCli(['retention', 'due', '--before', '2041-01-01', '--data', data, '--json']));
    expect(report.dossiers.map((d) => [d.kind, d.from, d.startsOn, d.until])).toEqual([
      ['person', 'filing', '2003-07-01', '2033-07-01'],
      ['loan', 'settlement', '2005-03-01', '2035-03-01'],
      ['unit', 'closing', '2010-12-31', '2040-12-31'],
    ]);
    const events = ctx.db.prepare("SELECT json_extract(data, '$.event') AS event, json_extract(data, '$.on') AS 'on' FROM events WHERE kind = 'dossier.appended' AND json_extract(data, '$.event') IS NOT NULL").all();
    expect(events).toEqual([{ event: 'settlement', on: '2005-03-01' }, { event: 'closing', on: '2010-12-31' }]);
  });

  it('refuses a malformed date and an unknown sub-command', async () => {
    const data = path.join(await tempDir(), 'data');
    expect((await runCli(['retention', 'due', '--before', '2035-13', '--data', data])).code).toBe(1);
    expect((await runCli(['retention', 'list', '--data', data])).code).toBe(1);
  });
});
