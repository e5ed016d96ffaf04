import type { SearchHit, SearchKind, SearchResult } from '../../../shared/contract';
import type { Translate } from '../i18n/translate';

/** Results are listed by kind, the records that gather the most first: dossiers, items, documents, pages. */
export const KIND_ORDER: readonly SearchKind[] = ['dossier', 'item', 'document', 'page'];

export interface HitGroup {
  readonly kind: SearchKind;
  readonly hits: readonly SearchHit[];
}

/** Hits grouped by kind (in KIND_ORDER), each group in the core's rank order; empty groups left out. */
export function groupHits(hits: readonly SearchHit[]): HitGroup[] {
  return KIND_ORDER.map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind) })).filter((g) => g.hits.length > 0);
}

/** The hits in the order the list shows them, which is the order the arrow keys walk. */
export const listedOrder = (groups: readonly HitGroup[]): SearchHit[] => groups.flatMap((g) => g.hits);

/** Move the active row by delta, staying within the list (no wrap: End of list is where it stops). */
export function stepActive(index: number, delta: number, count: number): number {
  if (count === 0) return 0;
  return Math.min(count - 1, Math.max(0, index + delta));
}

export interface SnippetPart {
  readonly text: string;
  readonly hit: boolean;
}

/** A snippet cut at its highlights, for rendering the matched terms in <mark>. */
export function snippetParts(snippet: string, highlights: ReadonlyArray<readonly [number, number]>): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (start < at || end > snippet.length || start >= end) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), hit: false });
    parts.push({ text: snippet.slice(start, end), hit: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), hit: false });
  return parts;
}

/**
 * The status line under the search box: how many records match in all (the true count, also
 * when only the best are listed), or why the query was not run.
 */
export function resultStatus(t: Translate, result: SearchResult): string {
  if (result.refused) return t('search.singleCharacter', { terms: result.refused.terms.join('、') });
  if (result.total === 0) return t('search.none', { query: result.query });
  if (result.total > result.hits.length) return t('search.countMore', { total: result.total, count: result.hits.length });
  return t('search.count', { count: result.total });
}
