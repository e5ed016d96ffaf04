import { afterEach, describe, expect, it } from 'vitest';
import { StatsListRequest, StatsQuery } from '../../shared/contract/stats-api';
import { statsList } from '../../electron/core/stats/stats-list';
import { statsReport } from '../../electron/core/stats/stats-report';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

const PERSON = { 姓名: '张三', 证件号码: '110101199003074573', 金额: '12300' };
const STATION = { kind: 'station' } as const;

describe('容缺受理 completed later', () => {
  it('counts the items filed with missing materials whose every missing material has been supplied since, and lists them', async () => {
    store = await openFilingStore(await tempDir(), 6);
    const { filing, batchId, pageIds: p } = store;
    /** A rent withdrawal filed with only its application form (its checklist in force then also asks for SFZ and YHK). */
    const fileShort = (page: string) => {
      const { item } = filing.createItem({ batchId, business: 'TQ-ZF', businessDate: '2025-09-10', fields: PERSON });
      filing.assign({ itemId: item.id, pageIds: [page], material: 'TQSQB' });
      expect(filing.file(item.id, { allowMissing: '材料在银行，三日内补交' }).missing).toEqual(['SFZ', 'YHK']);
      return item.id;
    };
    const supplement = (itemId: string, page: string, material: string) => filing.assign({ itemId, pageIds: [page], material, reason: '补交' });
    const complete = fileShort(p[0]!);
    const partly = fileShort(p[3]!);
    const report = () => statsReport(store!.ctx.db, StatsQuery.parse({}), STATION, new Date()).views.total[0]!.values;
    expect(report()).toMatchObject({ filedWithMissing: 2, missingCompletedLater: 0 });

    supplement(complete, p[1]!, 'SFZ');
    // A material the checklist did not miss does not count towards making it good.
    supplement(partly, p[4]!, 'TQSQB');
    supplement(partly, p[5]!, 'SFZ');
    // One of two is not made good yet.
    expect(report()).toMatchObject({ filedWithMissing: 2, missingCompletedLater: 0 });
    supplement(complete, p[2]!, 'YHK');
    expect(report()).toMatchObject({ filedWithMissing: 2, missingCompletedLater: 1 });

    const list = statsList(store.ctx.db, StatsListRequest.parse({ figure: 'missingCompletedLater' }), STATION, new Date());
    expect(list.facts.map((f) => f.id)).toEqual([complete]);
    expect(list.facts[0]!.seconds).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(list)).not.toContain(PERSON.证件号码);
  });
});
