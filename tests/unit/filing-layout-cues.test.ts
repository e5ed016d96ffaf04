import { describe, expect, it } from 'vitest';
import { classifyPage, features } from '../../shared/filing/classify';
import { pageLayout, type LayoutLine, type PageLayout } from '../../shared/filing/layout-cues';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';

const scheme = defaultSchemeBody();
const none = { material: new Map(), business: new Map() };

/** Lay out rows of cells as a scanner would see them: `height` px type, cells 60 px apart. */
function rowsOf(rows: ReadonlyArray<{ cells: readonly string[]; height?: number }>, top = 200): LayoutLine[] {
  const lines: LayoutLine[] = [];
  let y = top;
  for (const row of rows) {
    const h = row.height ?? 40;
    let x = 150;
    for (const text of row.cells) {
      const w = [...text].length * h;
      lines.push({ text, box: [x, y, w, h] });
      x += w + 60;
    }
    y += h + 30;
  }
  return lines;
}

const textOf = (lines: readonly LayoutLine[]) => {
  const rows = new Map<number, string[]>();
  for (const l of lines) rows.set(l.box[1], [...(rows.get(l.box[1]) ?? []), l.text]);
  return [...rows.values()].map((r) => r.join(' ')).join('\n');
};

const A4 = { width: 2480, height: 3508, angle: 0 };

/** A withdrawal form with the box where the customer's ID copy is pasted printed above its title. */
const PASTE_FORM = rowsOf([
  { cells: ['居民身份证复印件粘贴处（正面）'] },
  { cells: ['居民身份证复印件粘贴处（反面）'] },
  { cells: ['住房公积金提取申请表'], height: 90 },
  { cells: ['姓名', '沈建华', '证件类型', '居民身份证'] },
  { cells: ['证件号码', '310115196604277511', '个人账号', '633424351699'] },
  { cells: ['提取原因', '☑购买自住住房', '□租赁住房'] },
  { cells: ['提取金额', '¥258,370.00', '大写', '贰拾伍万捌仟叁佰柒拾元整'] },
]);

/** The front of an ID card photographed by the document camera: the card alone, ID-1 sized. */
const CARD_PHOTO = rowsOf(
  [
    { cells: ['姓名', '邓芳'] },
    { cells: ['性别', '女', '民族', '回'] },
    { cells: ['出生', '1993年12月7日'] },
    { cells: ['住址', '北京市朝阳区光华大道21号'] },
    { cells: ['公民身份号码', '110105199312075284'] },
  ],
  60,
);

describe('layout cues', () => {
  it('takes the large type at the top for the title, and sees a grid form with its 姓名 label in a row of cells', () => {
    const layout = pageLayout({ ...A4, lines: PASTE_FORM });
    expect(layout.title).toEqual(['住房公积金提取申请表']);
    expect(layout.cues).toEqual(['table', 'label-form']);
  });

  it('sees an ID-1 sized card whose 姓名 label stands alone with its value; without larger type the first row is the title', () => {
    const layout = pageLayout({ width: 1012, height: 638, angle: 0, lines: CARD_PHOTO });
    expect(layout.cues).toEqual(['card', 'label-card']);
    expect(layout.title).toEqual(['姓名', '邓芳']);
    // An A4 page is no card, whatever it shows.
    expect(pageLayout({ ...A4, lines: CARD_PHOTO }).cues).toEqual(['label-card']);
  });

  it('finds rows on a turned page and says nothing about an empty one', () => {
    const turned = pageLayout({ ...A4, angle: 2, lines: PASTE_FORM });
    expect(turned.cues).toContain('table');
    expect(pageLayout({ ...A4, lines: [] })).toEqual({ title: [], cues: [] });
  });
});

describe('classification with layout', () => {
  it('tells a form that merely mentions 居民身份证 from an ID card', () => {
    const text = textOf(PASTE_FORM);
    // From text alone the ID-copy box above the title reads like an ID card's title.
    expect(classifyPage(scheme, { text }, none).materials[0]?.code).toBe('SFZ');
    const withLayout = classifyPage(scheme, { text, layout: { ...A4, lines: PASTE_FORM } }, none);
    expect(withLayout.materials[0]?.code).toBe('TQSQB');
    expect(withLayout.materials[0]!.cues).toContain('标题 提取申请表');
    expect(withLayout.businesses[0]?.code).toBe('TQ-GF');
  });

  it('counts the card shape for the ID card and the bank card, and their text tells them apart', () => {
    const card = { width: 1012, height: 638, angle: 0 };
    const id = classifyPage(scheme, { text: textOf(CARD_PHOTO), layout: { ...card, lines: CARD_PHOTO } }, none);
    expect(id.materials[0]).toMatchObject({ code: 'SFZ' });
    expect(id.materials[0]!.cues).toEqual(expect.arrayContaining(['版式 card', '版式 label-card']));
    const bankLines = rowsOf([{ cells: ['中国工商银行'], height: 70 }, { cells: ['6222 0206 7011 8901 354'] }, { cells: ['UnionPay', '银联'] }], 60);
    const bank = classifyPage(scheme, { text: textOf(bankLines), layout: { ...card, lines: bankLines } }, none);
    expect(bank.materials[0]).toMatchObject({ code: 'YHK' });
    expect(bank.materials.map((m) => m.code)).not.toContain('TQSQB');
  });

  it('makes layout cues learnable features beside the title bigrams', () => {
    const page = { text: textOf(CARD_PHOTO), layout: { width: 1012, height: 638, angle: 0, lines: CARD_PHOTO } satisfies PageLayout };
    const feats = features(page);
    expect(feats).toEqual(expect.arrayContaining(['l:card', 'l:label-card', 'h:姓名']));
    expect(features({ text: page.text })).not.toContain('l:card');
  });
});
