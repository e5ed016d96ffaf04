import type { FigureId } from '../../../shared/stats/figures';

/**
 * The facts behind each figure, as SQL over the event log and the tables that already hold them:
 * there is no second bookkeeping to disagree with them. Every query returns the same columns —
 *   ref_kind, ref, label, batch_id, batch_name: the record a fact is about (what a list shows);
 *   clerk, business, batch_kind, at: what the figures are split by (at is a UTC ISO timestamp);
 *   value: what the fact adds to its figure; seconds: a duration, for percentile figures —
 * so one aggregation and one list serve every figure. Parameters: @from, @to (the range), @low.
 * Who did something is the actor of the event that recorded it (a page counts for whoever
 * imported or scanned it); a business is the item's where the page is in one, else the batch's.
 */

/** Every captured page with who captured it and when; `where` narrows it (with s., p. aliases). */
export const capturedPages = (where: string) => `
  SELECT p.id AS page_id, p.batch_id, b.name AS batch_name, b.name || ' #' || p.seq AS label, e.actor AS clerk,
         coalesce(i.business, b.business) AS business, b.kind AS batch_kind, s.imported_at AS captured_at, p.flags
  FROM source_files s
  JOIN events e ON e.kind = 'file.imported' AND e.subject = s.id
  JOIN pages p ON p.source_file_id = s.id
  JOIN batches b ON b.id = p.batch_id
  JOIN documents d ON d.id = p.document_id
  LEFT JOIN items i ON i.id = d.item_id
  WHERE ${where}`;

export const IN_RANGE = (col: string) => `${col} >= @from AND ${col} < @to`;

/**
 * What a captured page's flags say, each a figure of its own. The page figures are counted from
 * the captured pages in one pass (the flags are columns of it), not one pass per figure. Most
 * pages raise no flag and store '{}': their flags are not parsed (a third of the pass's time).
 */
const PAGE_FLAGS = {
  blankPages: `json_extract(flags, '$.blank') = 1`,
  duplicatePages: `json_extract(flags, '$.duplicateOf') IS NOT NULL`,
  lowDpiPages: `(json_extract(flags, '$.lowDpi') = 1 OR json_extract(flags, '$.lowDpiForOcr') = 1)`,
} as const;

const capturedPageFacts = `
  SELECT 'page' AS ref_kind, page_id AS ref, label, batch_id, batch_name, clerk, business, batch_kind, captured_at AS at, 1 AS value, NULL AS seconds,
         1 AS pagesCaptured, ${Object.entries(PAGE_FLAGS).map(([id, flag]) => `CASE WHEN flags = '{}' THEN 0 ELSE ${flag} END AS ${id}`).join(', ')}
  FROM (${capturedPages(IN_RANGE('s.imported_at'))})`;

/** Facts about pages found through another table (`source`, giving page_id and at), counted for whoever captured the page; `more`: columns of `f` and `c` to add. */
const aboutPages = (source: string, more = '') => `
  SELECT 'page' AS ref_kind, c.page_id AS ref, c.label, c.batch_id, c.batch_name, c.clerk, c.business, c.batch_kind, f.at, 1 AS value, NULL AS seconds${more}
  FROM (${source}) f JOIN (${capturedPages('1')}) c ON c.page_id = f.page_id`;

/**
 * A page is read when both its request and its reading are there: at the later of the two. Split
 * by which came last, so each half reads its range through an index on its own table (a
 * condition on max() of two tables' columns would read every page); the halves are disjoint.
 * The reading's confidence comes along, so the low-confidence pages are counted in the same pass.
 */
const pagesReadFacts = aboutPages(
  `SELECT o.page_id, r.created_at AS at, r.confidence FROM ocr_results r JOIN page_ocr o ON o.ocr_key = r.key
   WHERE ${IN_RANGE('r.created_at')} AND o.requested_at <= r.created_at
   UNION ALL
   SELECT o.page_id, o.requested_at, r.confidence FROM page_ocr o JOIN ocr_results r ON r.key = o.ocr_key
   WHERE ${IN_RANGE('o.requested_at')} AND r.created_at < o.requested_at`,
  ', 1 AS pagesRead, f.confidence < @low AS pagesLowConfidence',
);

const judgedFacts = aboutPages(
  `SELECT q.page_id, q.at, q.verdict FROM qc_sample_pages q WHERE q.verdict IS NOT NULL AND ${IN_RANGE('q.at')}`,
  `, 1 AS qcPagesJudged, f.verdict = 'fail' AS qcPagesFailed`,
);

/** Items filed in the range, counted for whoever filed them. */
const filedItems = (where: string, seconds = 'NULL') => `
  SELECT 'item' AS ref_kind, i.id AS ref, coalesce(c.code, i.id) AS label, i.batch_id, b.name AS batch_name, e.actor AS clerk,
         i.business, b.kind AS batch_kind, i.filed_at AS at, 1 AS value, ${seconds} AS seconds
  FROM items i
  JOIN events e ON e.kind = 'item.filed' AND e.subject = i.id
  JOIN batches b ON b.id = i.batch_id
  LEFT JOIN archival_codes c ON c.item_id = i.id
  WHERE ${IN_RANGE('i.filed_at')} AND ${where}`;

/**
 * 容缺受理 made good: every material the filing event listed as missing has arrived since as a
 * supplement to the item. `e` is the filing event; the supplements are found by the event index.
 */
const MISSING_ALL_SUPPLIED = `i.missing_reason IS NOT NULL AND NOT EXISTS (
  SELECT 1 FROM json_each(e.data, '$.missing') m WHERE NOT EXISTS (
    SELECT 1 FROM events s WHERE s.kind = 'item.supplemented' AND s.subject = i.id AND json_extract(s.data, '$.material') = m.value))`;

/** Seconds from filing to the last missing material supplied (shown in the list behind the figure). */
const FILED_TO_COMPLETE = `round(unixepoch((SELECT max(s.at) FROM events s WHERE s.kind = 'item.supplemented' AND s.subject = i.id), 'subsec')
  - unixepoch(i.filed_at, 'subsec'), 3)`;

/** From the item's first captured page to its 档号, in seconds (millisecond precision). */
const FIRST_PAGE_TO_FILED = `round(unixepoch(i.filed_at, 'subsec') - unixepoch(
  (SELECT min(p.created_at) FROM documents d JOIN pages p ON p.document_id = d.id WHERE d.item_id = i.id), 'subsec'), 3)`;

const keyingsResolved = (where: string) => `
  SELECT 'item' AS ref_kind, k.item_id AS ref, coalesce(c.code, k.item_id) AS label, i.batch_id, b.name AS batch_name, k.actor AS clerk,
         i.business, b.kind AS batch_kind, k.at, 1 AS value, NULL AS seconds
  FROM keying_resolutions k
  JOIN items i ON i.id = k.item_id
  JOIN batches b ON b.id = i.batch_id
  LEFT JOIN archival_codes c ON c.item_id = i.id
  WHERE ${IN_RANGE('k.at')} AND ${where}`;

const catalogueRows = (linked: boolean) => `
  SELECT 'catalogueRow' AS ref_kind, r.catalogue_id || '#' || r.row_no AS ref, c.name || ' 第' || r.row_no || '行' AS label,
         c.batch_id, b.name AS batch_name, c.actor AS clerk, i.business, b.kind AS batch_kind, c.created_at AS at, 1 AS value, NULL AS seconds
  FROM catalogue_rows r
  JOIN catalogues c ON c.id = r.catalogue_id
  JOIN batches b ON b.id = c.batch_id
  LEFT JOIN items i ON i.id = r.item_id
  WHERE ${IN_RANGE('c.created_at')} AND r.item_id IS ${linked ? 'NOT NULL' : 'NULL'}`;

/** Who opened a batch: the actor of its creation event. */
const BATCH_CREATOR = `(SELECT e.actor FROM events e WHERE e.kind = 'batch.created' AND e.subject = b.id)`;

const unackedBatches = `
  SELECT 'batch' AS ref_kind, b.id AS ref, b.name AS label, b.id AS batch_id, b.name AS batch_name, ${BATCH_CREATOR} AS clerk,
         b.business, b.kind AS batch_kind, t.queued_at AS at, 1 AS value, NULL AS seconds
  FROM transfers t JOIN batches b ON b.id = t.batch_id
  WHERE t.state NOT IN ('acknowledged', 'purged')`;

/** The columns every fact query returns (see above). */
const FACT_COLUMNS = 'ref_kind, ref, label, batch_id, batch_name, clerk, business, batch_kind, at, value, seconds';

/**
 * Figures over the same facts, counted in one pass: `sql` returns the fact columns and, for each
 * member, a column named after it that says whether the fact counts for that figure. A member's
 * own facts (the list behind it) are the rows where its column is true.
 */
export interface FactFamily {
  readonly sql: string;
  readonly members: readonly FactFigure[];
}

const SHARED_FACTS = [
  { sql: capturedPageFacts, members: ['pagesCaptured', 'blankPages', 'duplicatePages', 'lowDpiPages'] },
  { sql: pagesReadFacts, members: ['pagesRead', 'pagesLowConfidence'] },
  { sql: judgedFacts, members: ['qcPagesJudged', 'qcPagesFailed'] },
] as const satisfies readonly FactFamily[];

type SharedFigure = (typeof SHARED_FACTS)[number]['members'][number];

const memberFacts = (id: SharedFigure): string => `SELECT ${FACT_COLUMNS} FROM (${SHARED_FACTS.find((f) => (f.members as readonly string[]).includes(id))!.sql}) WHERE ${id}`;

export const FACTS: Readonly<Record<Exclude<FigureId, 'lowConfidenceShare' | 'qcPassRate' | 'pagesPerHour' | 'keyingDisagreementRate' | 'timeToFileP90'>, string>> = {
  pagesCaptured: memberFacts('pagesCaptured'),
  blankPages: memberFacts('blankPages'),
  duplicatePages: memberFacts('duplicatePages'),
  lowDpiPages: memberFacts('lowDpiPages'),
  // Once per person, batch and clock hour with an import (the station's offset is whole hours).
  activeHours: `
    SELECT 'batch' AS ref_kind, b.id AS ref, b.name || ' ' || strftime('%H:00', min(e.at), '+8 hours') AS label, b.id AS batch_id, b.name AS batch_name,
           e.actor AS clerk, b.business, b.kind AS batch_kind, min(e.at) AS at, 1 AS value, NULL AS seconds
    FROM events e JOIN batches b ON b.id = json_extract(e.data, '$.batchId')
    WHERE e.kind = 'file.imported' AND ${IN_RANGE('e.at')}
    GROUP BY e.actor, b.id, substr(e.at, 1, 13)`,
  pagesRead: memberFacts('pagesRead'),
  pagesLowConfidence: memberFacts('pagesLowConfidence'),
  qcPagesJudged: memberFacts('qcPagesJudged'),
  qcPagesFailed: memberFacts('qcPagesFailed'),
  rescansRequested: aboutPages(`SELECT r.page_id, r.requested_at AS at FROM rescan_requests r WHERE ${IN_RANGE('r.requested_at')}`),
  qcBatchesRejected: `
    SELECT 'sample' AS ref_kind, s.id AS ref, b.name AS label, b.id AS batch_id, b.name AS batch_name, ${BATCH_CREATOR} AS clerk,
           b.business, b.kind AS batch_kind, s.decided_at AS at, 1 AS value, NULL AS seconds
    FROM qc_samples s JOIN batches b ON b.id = s.batch_id
    WHERE s.state = 'rejected' AND ${IN_RANGE('s.decided_at')}`,
  itemsFiled: filedItems('1'),
  filedWithMissing: filedItems('i.missing_reason IS NOT NULL'),
  missingCompletedLater: filedItems(MISSING_ALL_SUPPLIED, FILED_TO_COMPLETE),
  timeToFileMedian: filedItems(`b.kind = 'counter'`, FIRST_PAGE_TO_FILED),
  keyingsResolved: keyingsResolved('1'),
  keyingsDisagreed: keyingsResolved(
    `EXISTS (SELECT 1 FROM events e WHERE e.kind = 'keying.resolved' AND e.subject = k.item_id AND json_array_length(e.data, '$.differences') > 0)`,
  ),
  catalogueRowsLinked: catalogueRows(true),
  catalogueRowsUnmatched: catalogueRows(false),
  // Snapshots: the state now, whatever the range.
  ocrBacklog: `
    SELECT 'job' AS ref_kind, j.id AS ref, j.id AS label, NULL AS batch_id, NULL AS batch_name, NULL AS clerk, NULL AS business,
           NULL AS batch_kind, j.created_at AS at, 1 AS value, NULL AS seconds
    FROM jobs j WHERE j.kind = 'ocr' AND j.state IN ('queued', 'running')`,
  openBatches: `
    SELECT 'batch' AS ref_kind, b.id AS ref, b.name AS label, b.id AS batch_id, b.name AS batch_name, ${BATCH_CREATOR} AS clerk,
           b.business, b.kind AS batch_kind, b.created_at AS at, 1 AS value, NULL AS seconds
    FROM batches b WHERE b.state = 'open'`,
  unackedBatches,
  syncLagDays: unackedBatches,
};

export type FactFigure = keyof typeof FACTS;

/** Every fact figure in exactly one family: those sharing their facts together, each other alone (its column always true). */
export const FACT_FAMILIES: readonly FactFamily[] = [
  ...SHARED_FACTS,
  ...(Object.keys(FACTS) as FactFigure[])
    .filter((id) => !SHARED_FACTS.some((f) => (f.members as readonly string[]).includes(id)))
    .map((id) => ({ sql: `SELECT *, 1 AS ${id} FROM (${FACTS[id]})`, members: [id] })),
];

/** The figure whose facts a figure is computed from (the two percentiles share one set of durations). */
export function factsOf(id: FigureId): FactFigure | null {
  if (id === 'timeToFileP90') return 'timeToFileMedian';
  return id in FACTS ? (id as FactFigure) : null;
}
