import type { statsMethods } from '../../../shared/contract/stats-api';
import { statsList } from '../stats/stats-list';
import { statsReport } from '../stats/stats-report';
import { statsScope } from '../stats/stats-scope';
import { statsWorkbook } from '../stats/stats-workbook';
import { getStation } from '../store/repo/station';
import type { Db } from '../store/open-database';
import type { Handlers } from './dispatcher';

type StatsHandlers = Pick<Handlers, keyof typeof statsMethods>;

/** Supervision figures: any signed-in user may ask; the scope (whole station or own) is decided in the core. */
export function createStatsHandlers(deps: { readonly db: Db }): StatsHandlers {
  return {
    'stats.report': (req, call) => statsReport(deps.db, req, statsScope(call.user, true, req.clerk), new Date()),
    'stats.list': (req, call) => statsList(deps.db, req, statsScope(call.user, true, req.clerk), new Date()),
    'stats.xlsx': async (req, call) => {
      const report = statsReport(deps.db, req, statsScope(call.user, true, req.clerk), new Date());
      const book = await statsWorkbook(report, getStation(deps.db).name);
      return { fileName: `管理监督统计-${report.range.fromDate}-${report.range.toDate}.xlsx`, base64: book.toString('base64') };
    },
  };
}
