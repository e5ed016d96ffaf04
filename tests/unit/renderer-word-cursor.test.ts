import { describe, expect, it } from 'vitest';
import { moveCursor, readingWords, selectedKeys, selectedText, wordKey, type WordMove, type WordSelection } from '../../renderer/src/ocr/word-cursor';
import { pageFromText } from '../helpers/ocr-page';

// Row 1: 姓名 | 沈建华 | 证件号码 310115196604277511 (one cell, two words); row 2: 金额 258370.00.
const page = pageFromText('姓名 沈建华  证件号码 310115196604277511\n金额 258370.00');
const words = readingWords(page);

const walk = (moves: ReadonlyArray<WordMove | `shift+${WordMove}`>): WordSelection | null =>
  moves.reduce<WordSelection | null>((selection, m) => {
    const extend = m.startsWith('shift+');
    return moveCursor(words, selection, m.replace('shift+', '') as WordMove, extend);
  }, null);

describe('keyboard word picking in the item form', () => {
  it('walks the words in reading order with their line:word keys', () => {
    expect(words.map((w) => [w.text, w.row])).toEqual([
      ['姓名', 0],
      ['沈建华', 0],
      ['证件号码', 0],
      ['310115196604277511', 0],
      ['金额', 1],
      ['258370.00', 1],
    ]);
    expect(selectedKeys(words, walk(['next', 'next']))).toEqual(new Set(['1:0']));
  });

  it('starts at the first word, stops at the ends, and jumps to the page’s first and last', () => {
    expect(selectedText(words, walk(['next']))).toBe('姓名');
    expect(selectedText(words, walk(['prev']))).toBe('258370.00');
    expect(selectedText(words, walk(['next', 'prev', 'prev']))).toBe('姓名');
    expect(selectedText(words, walk(['last', 'next']))).toBe('258370.00');
    expect(selectedText(words, walk(['last', 'first']))).toBe('姓名');
  });

  it('moves up and down to the nearest word of the next row, staying put at the edge', () => {
    expect(selectedText(words, walk(['first', 'last', 'prev', 'prev', 'down']))).toBe('258370.00');
    expect(selectedText(words, walk(['last', 'up']))).toBe('沈建华');
    expect(selectedText(words, walk(['first', 'up']))).toBe('姓名');
    expect(selectedText(words, walk(['last', 'down']))).toBe('258370.00');
  });

  it('Shift extends from the anchor: 汉字 join without a space, a number keeps its own', () => {
    expect(selectedText(words, walk(['next', 'next', 'shift+next']))).toBe('沈建华证件号码');
    expect(selectedText(words, walk(['last', 'prev', 'prev', 'prev', 'shift+next']))).toBe('证件号码 310115196604277511');
    // Back past the anchor selects the other way.
    const back = walk(['next', 'next', 'shift+prev']);
    expect(back).toEqual({ anchor: 1, focus: 0 });
    expect(selectedText(words, back)).toBe('姓名沈建华');
    expect(selectedKeys(words, back).size).toBe(2);
  });

  it('does nothing on a page without words', () => {
    expect(moveCursor([], null, 'next', false)).toBeNull();
    expect(selectedText(words, null)).toBe('');
    expect(selectedKeys(words, null).size).toBe(0);
  });

  it('maps the keys: arrows, Home and End move (Shift extends), Enter fills, Esc and F4 go back', () => {
    expect(wordKey('ArrowRight', false)).toEqual({ type: 'move', move: 'next', extend: false });
    expect(wordKey('ArrowUp', true)).toEqual({ type: 'move', move: 'up', extend: true });
    expect(wordKey('End', false)).toEqual({ type: 'move', move: 'last', extend: false });
    expect(wordKey('Enter', false)).toEqual({ type: 'fill' });
    expect(wordKey('Escape', false)).toEqual({ type: 'back' });
    expect(wordKey('F4', false)).toEqual({ type: 'back' });
    expect(wordKey('PageDown', false)).toBeNull();
    expect(wordKey('s', false)).toBeNull();
  });
});
