import type { StatsFact, StatsList, StatsListRequest } from '../../../shared/contract';
import { listedFigure } from '../../../shared/stats/figures';
import type { Db } from '../store/open-database';
import { factsOf, FACTS } from './figure-facts';
import { DAY_SQL, factParams, filterOf, FILTER_SQL, rangeOf } from './stats-report';
import type { StatsScope } from './stats-scope';

const KEY_SQL = { clerk: 'clerk', business: 'business', batchKind: 'batch_kind', day: DAY_SQL } as const;

/**
 * The facts behind a figure (one line of a view), oldest first. They carry record ids, batch
 * names, 档号, who and when — never metadata values — so the list needs no masking to be safe.
 */
export function statsList(db: Db, req: StatsListRequest, scope: StatsScope, now: Date): StatsList {
  const figure = listedFigure(req.figure);
  const facts = factsOf(figure)!;
  const filter = filterOf(req, rangeOf(req, now), scope);
  const byKey = req.view === 'total' ? '' : ` AND ${KEY_SQL[req.view]} IS @key`;
  const rows = db
    .prepare(
      `SELECT ref_kind AS kind, ref AS id, batch_id AS batchId, batch_name AS batchName, label, clerk, business, at, seconds
       FROM (${FACTS[facts]}) WHERE ${FILTER_SQL}${byKey}
       -- Pages imported together share a time: then by batch and page number ('#2' before '#10').
       ORDER BY at, batch_name, length(label), label, ref LIMIT @limit`,
    )
    .all({ ...factParams(filter), key: req.key, limit: req.limit + 1 }) as StatsFact[];
  return { figure: req.figure, facts: rows.slice(0, req.limit), truncated: rows.length > req.limit };
}
