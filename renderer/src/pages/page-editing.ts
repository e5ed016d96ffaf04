/**
 * Where pages and documents stand in the thumbnail grid, for the page-editing keys. The grid
 * shows a batch's pages in batch order; a document is the set of pages sharing a documentId, and
 * documents are numbered by the place of their first page, as the clerk sees them.
 */

export interface PagePlace {
  readonly id: string;
  readonly documentId: string;
}

/** Documents in grid order (by their first page) with their pages in order. */
export function documentsInOrder(pages: readonly PagePlace[]): Array<{ readonly id: string; readonly pageIds: string[] }> {
  const byId = new Map<string, string[]>();
  for (const page of pages) {
    const list = byId.get(page.documentId);
    if (list) list.push(page.id);
    else byId.set(page.documentId, [page.id]);
  }
  return [...byId].map(([id, pageIds]) => ({ id, pageIds }));
}

/** Per page: the 1-based number of its document and whether it opens that document in the grid. */
export function documentMarks(pages: readonly PagePlace[]): Map<string, { readonly document: number; readonly first: boolean }> {
  const numbers = new Map<string, number>();
  const marks = new Map<string, { document: number; first: boolean }>();
  for (const page of pages) {
    let n = numbers.get(page.documentId);
    const first = n === undefined;
    if (n === undefined) {
      n = numbers.size + 1;
      numbers.set(page.documentId, n);
    }
    marks.set(page.id, { document: n, first });
  }
  return marks;
}

/**
 * The document's page order after one page moves one place earlier (-1) or later (+1) within
 * it; null when it is already first or last (or not in the list).
 */
export function movedWithin(pageIds: readonly string[], pageId: string, delta: -1 | 1): string[] | null {
  const at = pageIds.indexOf(pageId);
  const to = at + delta;
  if (at < 0 || to < 0 || to >= pageIds.length) return null;
  const order = [...pageIds];
  [order[at], order[to]] = [order[to]!, order[at]!];
  return order;
}

/** The document's page order after a page is dragged onto another of it: it takes that page's place. */
export function droppedOnto(pageIds: readonly string[], pageId: string, targetId: string): string[] | null {
  const from = pageIds.indexOf(pageId);
  const to = pageIds.indexOf(targetId);
  if (from < 0 || to < 0 || from === to) return null;
  const order = pageIds.filter((id) => id !== pageId);
  order.splice(to, 0, pageId);
  return order;
}

/** The document shown before this one (merge target), or null for the first. */
export function previousDocument(pages: readonly PagePlace[], documentId: string): string | null {
  const docs = documentsInOrder(pages);
  const at = docs.findIndex((d) => d.id === documentId);
  return at > 0 ? docs[at - 1]!.id : null;
}

/** The first page of the document before (-1) or after (+1) the page's own, or null past the ends. */
export function documentStep(pages: readonly PagePlace[], pageId: string, delta: -1 | 1): string | null {
  const page = pages.find((p) => p.id === pageId);
  if (!page) return null;
  const docs = documentsInOrder(pages);
  const at = docs.findIndex((d) => d.id === page.documentId);
  return docs[at + delta]?.pageIds[0] ?? null;
}

/** The page to select once a page leaves the grid (trash): the one after it, else the one before. */
export function selectionAfterRemoval(pages: readonly PagePlace[], pageId: string): string | null {
  const at = pages.findIndex((p) => p.id === pageId);
  if (at < 0) return null;
  return pages[at + 1]?.id ?? pages[at - 1]?.id ?? null;
}

/** A page's rotation from the keys: `]` a quarter turn clockwise, `[` one anticlockwise. */
export type TurnDirection = 'clockwise' | 'anticlockwise';
export const turnDegrees = (direction: TurnDirection): 90 | 270 => (direction === 'clockwise' ? 90 : 270);
