import { describe, expect, it } from 'vitest';
import { readVarints } from '../../electron/core/search/fts5-bm25';
import { answersByNumbers, digitWindows, queryWindows } from '../../electron/core/search/number-matches';
import { searchTerms } from '../../shared/search/search-query';

describe('the number index: windows of six digits, and FTS5 records read back', () => {
  it('cuts each run of six digits or more into its overlapping windows, and nothing else', () => {
    expect(digitWindows('11010519491231002X')).toEqual([
      '110105', '101051', '010519', '105194', '051949', '519491', '194912', '949123', '491231', '912310', '123100', '231002',
    ]);
    expect(digitWindows('231002')).toEqual(['231002']);
    expect(digitWindows('DK-2024-0012345')).toEqual(['001234', '012345']);
    expect(digitWindows('12345 沈建华 2024年')).toEqual([]);
  });

  it('asks the index for windows side by side over each run, the last flush with its end', () => {
    expect(queryWindows('110105194912310025')).toEqual(['110105', '194912', '310025']);
    expect(queryWindows('11010519491231002X')).toEqual(['110105', '194912', '231002']);
    expect(queryWindows('231002')).toEqual(['231002']);
    expect(queryWindows('1234567-888888')).toEqual(['123456', '234567', '888888']);
  });

  it('answers only queries whose every term is ASCII with a run of six digits', () => {
    expect(answersByNumbers(searchTerms('110105194912310025'))).toBe(true);
    expect(answersByNumbers(searchTerms('231002 110105'))).toBe(true);
    expect(answersByNumbers(searchTerms('沈建华 231002'))).toBe(false);
    expect(answersByNumbers(searchTerms('12345'))).toBe(false);
    expect(answersByNumbers(searchTerms('２３１００２'))).toBe(true);
    expect(answersByNumbers(searchTerms('231002号'))).toBe(false);
    expect(answersByNumbers([])).toBe(false);
  });

  it('reads SQLite varints as FTS5 writes them, up to the nine-byte form', () => {
    expect(readVarints(Buffer.from([0x00, 0x7f, 0x81, 0x00, 0x82, 0x80, 0x01]))).toEqual([0, 127, 128, 32769]);
    expect(readVarints(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toEqual([2 ** 64 - 255]);
  });
});
