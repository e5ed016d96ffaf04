import type { SearchKind } from '../../../shared/contract/search-api';

/** One record found, best first; rank is FTS5's bm25() (lower is better), summed over both indexes. */
export interface MatchRow {
  readonly kind: SearchKind;
  readonly ref: string;
  readonly rank: number;
}

export interface Matches {
  /** Every record the terms match, however many; `rows` are the best of them. */
  readonly total: number;
  readonly rows: readonly MatchRow[];
}
