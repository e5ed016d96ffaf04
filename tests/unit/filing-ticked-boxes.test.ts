import { describe, expect, it } from 'vitest';
import { classifyPage, whenSure } from '../../shared/filing/classify';
import { findBox, printedOptions, tickedInImage, tickedInText, tickedOption, type GreyImage } from '../../shared/filing/ticked-boxes';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';

const scheme = defaultSchemeBody();
const none = { material: new Map(), business: new Map() };

/** A white grey raster with boxes drawn: `marked` ones get a diagonal stroke inside. */
function paper(width: number, height: number): GreyImage & { data: Uint8Array } {
  return { data: new Uint8Array(width * height).fill(250), width, height };
}
function drawBox(img: GreyImage & { data: Uint8Array }, x: number, y: number, size: number, mark: 'empty' | 'tick' | 'filled'): void {
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const edge = i < 2 || j < 2 || i >= size - 2 || j >= size - 2;
      const stroke = mark === 'tick' && Math.abs(i - j) <= 2 && i > 3 && i < size - 4;
      if (edge || stroke || mark === 'filled') img.data[(y + j) * img.width + x + i] = 20;
    }
  }
}

describe('ticked boxes', () => {
  it('takes the phrase after a mark up to the next box, even when OCR runs options together', () => {
    expect(tickedInText('提取原因 ☑购买自住住房口偿还住房贷款本息口租赁住房')).toEqual(['购买自住住房']);
    expect(tickedInText('□购买自住住房 √偿还住房贷款本息 □租赁住房')).toEqual(['偿还住房贷款本息']);
    expect(tickedInText('□购买自住住房 □租赁住房')).toEqual([]);
  });

  it('finds the box left of a phrase, the drawn mark inside, and ignores a character that looks like one', () => {
    const img = paper(400, 40);
    drawBox(img, 10, 8, 22, 'empty');
    drawBox(img, 210, 8, 22, 'tick');
    const runs = [{ text: '口购买自住住房', box: [10, 4, 7 * 24, 30] as const }, { text: '偿还住房贷款', box: [236, 4, 6 * 24, 30] as const }];
    const options = printedOptions(runs, ['购买自住住房', '偿还住房贷款']);
    expect(options.map((o) => o.phrase)).toEqual(['购买自住住房', '偿还住房贷款']);
    const found = options.map((o) => ({ phrase: o.phrase, found: findBox(img, o.searchRegion, o.boxEndsBefore) }));
    expect(found[0]!.found!.fill).toBeLessThan(0.03);
    expect(found[1]!.found!.fill).toBeGreaterThan(0.08);
    expect(tickedOption(found)).toBe('偿还住房贷款');
    expect(tickedInImage(runs, ['购买自住住房', '偿还住房贷款'], img)).toBe('偿还住房贷款');
  });

  it('leaves it open when no box, or more than one, is marked, or no empty box shares the row', () => {
    const at = (y: number, fill: number) => ({ box: [0, y, 20, 20] as const, fill });
    expect(tickedOption([{ phrase: 'a', found: at(0, 0) }, { phrase: 'b', found: at(0, 0) }])).toBeNull();
    expect(tickedOption([{ phrase: 'a', found: at(0, 0.3) }, { phrase: 'b', found: at(0, 1) }, { phrase: 'c', found: at(0, 0) }])).toBeNull();
    // A box-like character far down the page is no row of choices.
    expect(tickedOption([{ phrase: 'a', found: at(0, 0.3) }, { phrase: 'b', found: at(500, 0) }])).toBeNull();
    expect(tickedOption([{ phrase: 'a', found: at(0, 1) }, { phrase: 'b', found: at(3, 0) }])).toBe('a');
  });
});

describe('business suggestion from the ticked box', () => {
  const form = (ticked: string) =>
    ['住房公积金提取申请表', `提取原因 ${['购买自住住房', '偿还住房贷款本息', '租赁住房', '出境定居'].map((p) => `${p === ticked ? '☑' : '□'}${p}`).join(' ')}`].join('\n');

  it('suggests the ticked reason, with the reason a clerk reads', () => {
    for (const [phrase, code] of [['偿还住房贷款本息', 'TQ-HD'], ['购买自住住房', 'TQ-GF'], ['出境定居', 'TQ-CJ']] as const) {
      const top = whenSure(classifyPage(scheme, { text: form(phrase) }, none).businesses)[0];
      expect(top).toMatchObject({ code, reason: `勾选：${phrase}` });
    }
  });

  it('uses a box the image shows ticked when OCR read no mark', () => {
    const text = '住房公积金提取申请表\n提取原因 购买自住住房口偿还住房贷款本息口租赁住房';
    expect(whenSure(classifyPage(scheme, { text }, none).businesses)).toEqual([]);
    const top = whenSure(classifyPage(scheme, { text, ticked: ['偿还住房贷款本息'] }, none).businesses)[0];
    expect(top).toMatchObject({ code: 'TQ-HD', reason: '勾选：偿还住房贷款本息' });
  });

  it('offers nothing when the best guess ties with others (a form with no box read ticked)', () => {
    const text = '住房公积金提取申请表\n提取原因 □购买自住住房 □偿还住房贷款本息 □租赁住房';
    const ranked = classifyPage(scheme, { text }, none);
    expect(ranked.businesses.length).toBeGreaterThan(1);
    expect(whenSure(ranked.businesses)).toEqual([]);
    // The material is clear all the same.
    expect(whenSure(ranked.materials)[0]).toMatchObject({ code: 'TQSQB' });
  });
});
