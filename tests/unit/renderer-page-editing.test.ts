import { describe, expect, it } from 'vitest';
import { listKey } from '../../renderer/src/pages/list-keys';
import {
  documentMarks,
  documentStep,
  documentsInOrder,
  droppedOnto,
  movedWithin,
  previousDocument,
  selectionAfterRemoval,
  turnDegrees,
} from '../../renderer/src/pages/page-editing';

// Grid order p1…p6; documents A (p1 p2), B (p3), C (p4 p6) and A's p5 in between after a move.
const pages = [
  { id: 'p1', documentId: 'A' },
  { id: 'p2', documentId: 'A' },
  { id: 'p3', documentId: 'B' },
  { id: 'p4', documentId: 'C' },
  { id: 'p5', documentId: 'A' },
  { id: 'p6', documentId: 'C' },
];

describe('documents in the thumbnail grid', () => {
  it('orders documents by their first page and numbers them as the clerk sees them', () => {
    expect(documentsInOrder(pages)).toEqual([
      { id: 'A', pageIds: ['p1', 'p2', 'p5'] },
      { id: 'B', pageIds: ['p3'] },
      { id: 'C', pageIds: ['p4', 'p6'] },
    ]);
    const marks = documentMarks(pages);
    expect([...marks].map(([id, m]) => `${id}:${m.document}${m.first ? '*' : ''}`)).toEqual(['p1:1*', 'p2:1', 'p3:2*', 'p4:3*', 'p5:1', 'p6:3']);
  });

  it('finds the document to merge into and steps between documents', () => {
    expect(previousDocument(pages, 'A')).toBeNull();
    expect(previousDocument(pages, 'B')).toBe('A');
    expect(previousDocument(pages, 'C')).toBe('B');
    expect(documentStep(pages, 'p5', 1)).toBe('p3');
    expect(documentStep(pages, 'p6', -1)).toBe('p3');
    expect(documentStep(pages, 'p1', -1)).toBeNull();
    expect(documentStep(pages, 'p4', 1)).toBeNull();
    expect(documentStep(pages, 'gone', 1)).toBeNull();
  });

  it('moves a page one place within its document, refusing past the ends', () => {
    expect(movedWithin(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(movedWithin(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
    expect(movedWithin(['a', 'b', 'c'], 'a', -1)).toBeNull();
    expect(movedWithin(['a', 'b', 'c'], 'c', 1)).toBeNull();
    expect(movedWithin(['a'], 'x', 1)).toBeNull();
  });

  it('puts a dragged page in the place of the page it is dropped on', () => {
    expect(droppedOnto(['a', 'b', 'c', 'd'], 'a', 'c')).toEqual(['b', 'c', 'a', 'd']);
    expect(droppedOnto(['a', 'b', 'c', 'd'], 'd', 'b')).toEqual(['a', 'd', 'b', 'c']);
    expect(droppedOnto(['a', 'b'], 'a', 'a')).toBeNull();
    expect(droppedOnto(['a', 'b'], 'a', 'z')).toBeNull();
  });

  it('selects the next page after a removal, else the previous, else none', () => {
    expect(selectionAfterRemoval(pages, 'p3')).toBe('p4');
    expect(selectionAfterRemoval(pages, 'p6')).toBe('p5');
    expect(selectionAfterRemoval([{ id: 'x', documentId: 'X' }], 'x')).toBeNull();
    expect(selectionAfterRemoval(pages, 'gone')).toBeNull();
  });

  it('turns clockwise by 90° and anticlockwise by 270°', () => {
    expect(turnDegrees('clockwise')).toBe(90);
    expect(turnDegrees('anticlockwise')).toBe(270);
  });
});

describe('list keys in dialogs', () => {
  it('moves the highlight within bounds and chooses by Enter or digit', () => {
    expect(listKey('ArrowDown', 0, 3)).toEqual({ kind: 'highlight', index: 1 });
    expect(listKey('ArrowDown', 2, 3)).toEqual({ kind: 'highlight', index: 2 });
    expect(listKey('ArrowUp', 0, 3)).toEqual({ kind: 'highlight', index: 0 });
    expect(listKey('End', 0, 3)).toEqual({ kind: 'highlight', index: 2 });
    expect(listKey('Home', 2, 3)).toEqual({ kind: 'highlight', index: 0 });
    expect(listKey('Enter', 5, 3)).toEqual({ kind: 'choose', index: 2 });
    expect(listKey('2', 0, 3)).toEqual({ kind: 'choose', index: 1 });
    expect(listKey('4', 0, 3)).toBeNull();
    expect(listKey('x', 0, 3)).toBeNull();
    expect(listKey('Enter', 0, 0)).toBeNull();
  });
});
