import { z } from 'zod';
import { FIGURE_IDS } from '../stats/figures';
import { BatchKind } from './records';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const StatsRange = z.discriminatedUnion('preset', [
  z.object({ preset: z.enum(['today', 'week', 'month']) }),
  z.object({ preset: z.literal('custom'), from: Day, to: Day }).refine((r) => r.from <= r.to, { message: 'from must not be after to' }),
]);
export type StatsRange = z.infer<typeof StatsRange>;

/** Which facts to count: a range, and optionally one clerk, one business type, one batch kind. */
export const StatsQuery = z.object({
  range: StatsRange.default({ preset: 'today' }),
  clerk: z.string().trim().min(1).max(40).nullable().default(null),
  business: z.string().trim().min(1).max(40).nullable().default(null),
  batchKind: BatchKind.nullable().default(null),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const FigureIdSchema = z.enum(FIGURE_IDS);

/** The ways the figures are split: all together, per clerk, per business type, per batch kind, per station day. */
export const STATS_VIEWS = ['total', 'clerk', 'business', 'batchKind', 'day'] as const;
export const StatsView = z.enum(STATS_VIEWS);
export type StatsView = z.infer<typeof StatsView>;

/** One line of a view: its key (a clerk, a business code, a kind, a day; null for "none") and every figure. */
export const StatsRow = z.object({
  key: z.string().nullable(),
  values: z.record(FigureIdSchema, z.number().nullable()),
});
export type StatsRow = z.infer<typeof StatsRow>;

export const StatsReport = z.object({
  range: z.object({ fromDate: z.string(), toDate: z.string(), from: z.string(), to: z.string() }),
  /** `own`: the caller may only see their own figures; station-wide snapshots are then null. */
  scope: z.discriminatedUnion('kind', [z.object({ kind: z.literal('station') }), z.object({ kind: z.literal('own'), clerk: z.string() })]),
  generatedAt: z.string(),
  views: z.record(StatsView, z.array(StatsRow)),
  /** QC failure reasons in the range, most frequent first. */
  rejectReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
});
export type StatsReport = z.infer<typeof StatsReport>;

/**
 * One fact behind a figure. It names records (a page, an item, a batch…) and who and when, never
 * their personal data: lists behind figures are masked by carrying none.
 */
export const StatsFact = z.object({
  kind: z.enum(['page', 'item', 'batch', 'sample', 'catalogueRow', 'job']),
  id: z.string(),
  batchId: z.string().nullable(),
  batchName: z.string().nullable(),
  /** What people call it: 批次 + page number, an item's 档号, a batch's name. */
  label: z.string(),
  clerk: z.string().nullable(),
  business: z.string().nullable(),
  at: z.string().nullable(),
  /** A duration in seconds where the figure is one (time to file). */
  seconds: z.number().nullable(),
});
export type StatsFact = z.infer<typeof StatsFact>;

export const STATS_LIST_MAX = 1000;

export const StatsListRequest = StatsQuery.extend({
  figure: FigureIdSchema,
  /** Narrow to one line of a view: e.g. view 'day' and key '2026-03-02'. */
  view: StatsView.default('total'),
  key: z.string().max(60).nullable().default(null),
  limit: z.number().int().min(1).max(STATS_LIST_MAX).default(200),
});
export type StatsListRequest = z.infer<typeof StatsListRequest>;

export const StatsList = z.object({ figure: FigureIdSchema, facts: z.array(StatsFact), truncated: z.boolean() });
export type StatsList = z.infer<typeof StatsList>;

/** Supervision statistics (spread into the contract's methods). */
export const statsMethods = {
  /** Every figure in every view for a range; a caller without stats.view gets only their own. */
  'stats.report': { request: StatsQuery, response: StatsReport },
  /** The facts behind one figure (one line of a view), masked. */
  'stats.list': { request: StatsListRequest, response: StatsList },
  /** The report as an xlsx workbook (one sheet per view), for the screen to save: bytes as base64. */
  'stats.xlsx': { request: StatsQuery, response: z.object({ fileName: z.string(), base64: z.string() }) },
} as const;
