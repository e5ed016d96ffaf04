import { capturedPages, IN_RANGE } from './figure-facts';

/** QC failure reasons judged in the range, for pages the filter keeps (whoever captured them). Same parameters as the facts. */
export const REJECT_REASONS = `
  SELECT f.reason, count(*) AS count
  FROM (SELECT q.page_id, q.reason FROM qc_sample_pages q WHERE q.verdict = 'fail' AND ${IN_RANGE('q.at')}) f
  JOIN (${capturedPages('1')}) c ON c.page_id = f.page_id
  WHERE (@clerk IS NULL OR c.clerk = @clerk) AND (@business IS NULL OR c.business = @business) AND (@kind IS NULL OR c.batch_kind = @kind)
  GROUP BY f.reason ORDER BY count DESC, f.reason`;
