import type { SheetInfo } from './sheet-key';

/** A page of a batch in scan order, as split sees it. */
export interface SplitPage {
  readonly id: string;
  /** The separator or cover sheet this page is, if its barcode was read. */
  readonly sheet: SheetInfo | null;
  /** Blank (flagged by the image checks): after a sheet, it is the sheet's back side. */
  readonly blank: boolean;
}

export type SplitProblem =
  /** Pages before the first sheet: an item without a key. */
  | { readonly kind: 'leading_pages' }
  /** Page count differs from what the sheet (or catalogue) expects. */
  | { readonly kind: 'page_count'; readonly expected: number; readonly actual: number; readonly missedSeparatorBefore: string | null }
  /** The same key starts two items: a sheet printed twice, or a batch fed twice. */
  | { readonly kind: 'repeated_key' };

export interface PlannedItem {
  readonly key: string | null;
  readonly sheet: SheetInfo | null;
  /** The sheet pages (and their blank backs, and back-to-back sheets before it). */
  readonly sheetPages: readonly string[];
  readonly pages: readonly string[];
  readonly problems: readonly SplitProblem[];
}

export interface SplitPlan {
  readonly items: readonly PlannedItem[];
  /** Sheets followed directly by another sheet: no item is made for them. */
  readonly emptySheets: readonly string[];
}

interface Group {
  sheet: SheetInfo | null;
  sheetPages: string[];
  pages: string[];
}

/**
 * Split a scanned batch at its separator/cover sheets. Back-to-back sheets never make an empty
 * item: a sheet with no pages before the next sheet is reported and its pages go with the next
 * one. Where a sheet says how many pages its item has, the count is reconciled: more pages than
 * expected most likely means the next separator was missed (folded, fed crooked), and the page
 * where it should have been is named so a person can split there.
 */
export function planSplit(pages: readonly SplitPage[], expectedFor: (sheet: SheetInfo) => number | undefined = (s) => s.expectedPages): SplitPlan {
  const groups: Group[] = [];
  const emptySheets: string[] = [];
  let current: Group | null = null;
  for (const page of pages) {
    if (page.sheet) {
      if (current && current.pages.length === 0 && current.sheet) {
        // A sheet right after a sheet: the first one has no pages of its own.
        if (current.sheet.key !== page.sheet.key) emptySheets.push(current.sheet.key);
        current.sheet = page.sheet;
        current.sheetPages.push(page.id);
        continue;
      }
      current = { sheet: page.sheet, sheetPages: [page.id], pages: [] };
      groups.push(current);
      continue;
    }
    if (current && current.sheet && current.pages.length === 0 && page.blank) {
      current.sheetPages.push(page.id);
      continue;
    }
    if (!current) {
      current = { sheet: null, sheetPages: [], pages: [] };
      groups.push(current);
    }
    current.pages.push(page.id);
  }
  if (current && current.pages.length === 0 && current.sheet) {
    emptySheets.push(current.sheet.key);
    groups.pop();
  }

  const seen = new Map<string, number>();
  for (const g of groups) if (g.sheet) seen.set(g.sheet.key, (seen.get(g.sheet.key) ?? 0) + 1);
  const items = groups.map((g): PlannedItem => {
    const problems: SplitProblem[] = [];
    if (!g.sheet) problems.push({ kind: 'leading_pages' });
    else {
      if ((seen.get(g.sheet.key) ?? 0) > 1) problems.push({ kind: 'repeated_key' });
      const expected = expectedFor(g.sheet);
      if (expected !== undefined && expected !== g.pages.length) {
        problems.push({
          kind: 'page_count',
          expected,
          actual: g.pages.length,
          missedSeparatorBefore: g.pages.length > expected ? g.pages[expected]! : null,
        });
      }
    }
    return { key: g.sheet?.key ?? null, sheet: g.sheet, sheetPages: g.sheetPages, pages: g.pages, problems };
  });
  return { items, emptySheets };
}
