/**
 * The supervision figures (管理监督), defined once: the station's screen, the command line, the
 * exports and the centre's receiver all read these names, units and definitions, so a figure
 * means the same wherever it is shown. How each is computed (SQL over the event log and the
 * tables) lives in the core; what it means lives here.
 */

export const FIGURE_IDS = [
  'pagesCaptured',
  'itemsFiled',
  'timeToFileMedian',
  'timeToFileP90',
  'filedWithMissing',
  'ocrBacklog',
  'pagesRead',
  'pagesLowConfidence',
  'lowConfidenceShare',
  'qcPagesJudged',
  'qcPagesFailed',
  'qcPassRate',
  'qcBatchesRejected',
  'rescansRequested',
  'openBatches',
  'unackedBatches',
  'syncLagDays',
  'activeHours',
  'pagesPerHour',
  'blankPages',
  'duplicatePages',
  'lowDpiPages',
  'keyingsResolved',
  'keyingsDisagreed',
  'keyingDisagreementRate',
  'catalogueRowsLinked',
  'catalogueRowsUnmatched',
] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export type FigureUnit = 'pages' | 'items' | 'batches' | 'rows' | 'seconds' | 'hours' | 'days' | 'ratio' | 'pagesPerHour';

/**
 * How a figure is made: `count` adds up facts in the range (and can be split by clerk, business,
 * batch kind and day); `percentile` takes the nearest-rank percentile of per-fact durations;
 * `ratio` divides two counts (null when the denominator is 0); `snapshot` is the state now,
 * station-wide, not tied to the range or to a clerk.
 */
export type FigureKind =
  | { readonly kind: 'count' }
  | { readonly kind: 'percentile'; readonly p: number }
  | { readonly kind: 'ratio'; readonly numerator: FigureId; readonly denominator: FigureId; readonly opens: FigureId }
  | { readonly kind: 'snapshot' };

export interface FigureDefinition {
  readonly id: FigureId;
  readonly unit: FigureUnit;
  readonly how: FigureKind;
  readonly zh: string;
  readonly en: string;
  readonly definition: { readonly zh: string; readonly en: string };
  /** Which screen group shows it: the station head's counter view, or the archivist's backfile production control. */
  readonly group: 'station' | 'backfile';
}

/** OCR confidence (0–1) below which a page counts as read with low confidence. */
export const LOW_CONFIDENCE = 0.8;

const count = { kind: 'count' } as const;
const snapshot = { kind: 'snapshot' } as const;
/** `opens`: the count whose facts the ratio's figure opens (the pages behind a share, usually the numerator). */
const ratio = (numerator: FigureId, denominator: FigureId, opens = numerator) => ({ kind: 'ratio', numerator, denominator, opens }) as const;

const def = (
  id: FigureId, unit: FigureUnit, how: FigureKind, group: FigureDefinition['group'],
  zh: string, en: string, dzh: string, den: string,
): FigureDefinition => ({ id, unit, how, group, zh, en, definition: { zh: dzh, en: den } });

export const FIGURES: Readonly<Record<FigureId, FigureDefinition>> = Object.fromEntries(
  [
    def('pagesCaptured', 'pages', count, 'station', '采集页数', 'pages captured',
      '期间内导入或扫描进来的页数，计入导入该文件的人', 'pages imported or scanned in the range, counted for whoever imported the file'),
    def('itemsFiled', 'items', count, 'station', '归档件数', 'items filed',
      '期间内给出档号的件数，计入归档的人', 'items given an archival code (档号) in the range, counted for whoever filed them'),
    def('timeToFileMedian', 'seconds', { kind: 'percentile', p: 0.5 }, 'station', '办结用时中位数', 'time to file, median',
      '柜台件从第一页采集到给出档号的时长（秒）的中位数（最近秩法）', 'median (nearest rank) of the seconds from a counter item\'s first captured page to its 档号'),
    def('timeToFileP90', 'seconds', { kind: 'percentile', p: 0.9 }, 'station', '办结用时90分位', 'time to file, 90th percentile',
      '同上，第90百分位（最近秩法）', 'the same, 90th percentile (nearest rank)'),
    def('filedWithMissing', 'items', count, 'station', '容缺受理件数', 'filed with missing materials',
      '期间内归档时缺少要件（容缺受理）的件数', 'items filed in the range with required materials missing (容缺受理)'),
    def('ocrBacklog', 'pages', snapshot, 'station', 'OCR待识别', 'OCR backlog',
      '此刻排队或正在识别的OCR任务数', 'OCR jobs queued or running now'),
    def('pagesRead', 'pages', count, 'station', 'OCR识别页数', 'pages read by OCR',
      '期间内得到OCR结果的页数，计入采集该页的人', 'pages whose OCR result arrived in the range, counted for whoever captured the page'),
    def('pagesLowConfidence', 'pages', count, 'station', '低置信度页数', 'pages read with low confidence',
      `其中整页置信度低于 ${LOW_CONFIDENCE} 的页数`, `of those, pages whose confidence is below ${LOW_CONFIDENCE}`),
    def('lowConfidenceShare', 'ratio', ratio('pagesLowConfidence', 'pagesRead'), 'station', '低置信度占比', 'low-confidence share',
      '低置信度页数 ÷ OCR识别页数', 'pages read with low confidence ÷ pages read'),
    def('qcPagesJudged', 'pages', count, 'backfile', '质检抽检页数', 'pages judged in QC',
      '期间内质检判定的抽样页数，计入采集该页的人', 'sampled pages judged in QC in the range, counted for whoever captured the page'),
    def('qcPagesFailed', 'pages', count, 'backfile', '质检不合格页数', 'pages failed in QC',
      '其中判为不合格的页数', 'of those, pages judged as failing'),
    def('qcPassRate', 'ratio', ratio('qcPagesFailed', 'qcPagesJudged', 'qcPagesJudged'), 'backfile', '质检合格率', 'QC pass rate',
      '1 − 不合格页数 ÷ 抽检页数', '1 − pages failed ÷ pages judged'),
    def('qcBatchesRejected', 'batches', count, 'backfile', '质检退回批次', 'batches rejected in QC',
      '期间内判为退回的抽样，计入开立该批次的人', 'QC samples decided as rejected in the range, counted for whoever opened the batch'),
    def('rescansRequested', 'pages', count, 'backfile', '重扫页数', 'rescans requested',
      '期间内要求重扫的页数，计入采集该页的人', 'pages sent back for rescanning in the range, counted for whoever captured the page'),
    def('openBatches', 'batches', snapshot, 'station', '待关闭批次', 'batches waiting to be closed',
      '此刻未关闭的批次数（计入开立批次的人）', 'batches open now (counted for whoever opened them)'),
    def('unackedBatches', 'batches', snapshot, 'station', '未确认批次', 'batches not yet acknowledged',
      '已关闭、中心尚未确认接收的批次数', 'closed batches the central archive has not acknowledged yet'),
    def('syncLagDays', 'days', snapshot, 'station', '同步滞后天数', 'sync lag (days)',
      '最早一个未确认批次排队至今的天数（无则为0）', 'days since the oldest unacknowledged batch was queued (0 when none)'),
    def('activeHours', 'hours', count, 'backfile', '作业小时数', 'working hours',
      '有导入的钟点数：每人每批次每个整点小时计一次', 'clock hours with imports: once per person, batch and hour'),
    def('pagesPerHour', 'pagesPerHour', ratio('pagesCaptured', 'activeHours'), 'backfile', '每小时页数', 'pages per hour',
      '采集页数 ÷ 作业小时数', 'pages captured ÷ working hours'),
    def('blankPages', 'pages', count, 'backfile', '空白页', 'blank pages',
      '期间内采集、被标为空白的页数', 'pages captured in the range flagged blank'),
    def('duplicatePages', 'pages', count, 'backfile', '重复页', 'duplicate pages',
      '期间内采集、被标为与本批次另一页重复的页数', 'pages captured in the range flagged as a duplicate of another page of the batch'),
    def('lowDpiPages', 'pages', count, 'backfile', '分辨率不足页', 'low-dpi pages',
      '期间内采集、分辨率低于200dpi（或需OCR时低于300dpi）的页数', 'pages captured in the range below 200 dpi (or below 300 dpi where OCR is wanted)'),
    def('keyingsResolved', 'items', count, 'backfile', '双录核对件数', 'double entries resolved',
      '期间内完成双录核对的件数，计入核对的人', 'items whose double entry was resolved in the range, counted for whoever resolved it'),
    def('keyingsDisagreed', 'items', count, 'backfile', '双录不一致件数', 'double entries disagreeing',
      '其中两遍录入至少一项不一致的件数', 'of those, items where the two passes differed in at least one field'),
    def('keyingDisagreementRate', 'ratio', ratio('keyingsDisagreed', 'keyingsResolved', 'keyingsResolved'), 'backfile', '双录不一致率', 'double-entry disagreement rate',
      '双录不一致件数 ÷ 双录核对件数', 'double entries disagreeing ÷ double entries resolved'),
    def('catalogueRowsLinked', 'rows', count, 'backfile', '目录已挂接条目', 'catalogue rows linked',
      '期间内导入的目录中已挂接到件的条目数，计入导入目录的人', 'rows of catalogues imported in the range that are linked to an item, counted for whoever imported the catalogue'),
    def('catalogueRowsUnmatched', 'rows', count, 'backfile', '目录未挂接条目', 'catalogue rows unmatched',
      '同上，尚未挂接的条目数', 'the same, rows not linked to any item'),
  ].map((d) => [d.id, d]),
) as Record<FigureId, FigureDefinition>;

/** The QC pass rate is shown as a pass rate although it is computed from the failures. */
export function ratioValue(id: FigureId, numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  const share = numerator / denominator;
  return id === 'qcPassRate' ? 1 - share : share;
}

/** Nearest-rank percentile of sorted values (the smallest value with at least p of the values at or below it). */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

/** The figure whose facts are listed behind `id`: a ratio opens one of its counts, others their own facts. */
export function listedFigure(id: FigureId): FigureId {
  const how = FIGURES[id].how;
  return how.kind === 'ratio' ? how.opens : id;
}
