import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldProposal } from '../../shared/contract';
import { formatFen } from '../../shared/fields/amount-words';
import { parseAmountFigures } from '../../shared/fields/amounts';
import { parseDate } from '../../shared/fields/dates';
import { extractFields } from '../../shared/fields/extract-fields';
import { pageRows } from '../../shared/fields/field-text';
import { pageFromText } from '../helpers/ocr-page';

const proposals = (text: string, field: string, options?: Parameters<typeof extractFields>[1]): FieldProposal[] =>
  extractFields(pageFromText(text), options).filter((p) => p.field === field);
const values = (text: string, field: string): string[] => proposals(text, field).map((p) => p.value);

describe('field extraction: ID numbers', () => {
  it('proposes a labelled ID number with its word box and full confidence', () => {
    const [p] = proposals('证件号码  310115196604277511  个人账号  633424351699', '证件号码');
    expect(p).toMatchObject({ value: '310115196604277511', raw: '310115196604277511', confidence: 0.95 });
    expect(p!.boxes).toEqual([[340, 100, 720, 48]]);
    expect(p!.notes).toContain('标签 label: 证件号码');
  });

  it.each([
    ['31O115196604277511', 'O→0'],
    ['3l0115196604277511', 'l→1'],
    ['3101151966O4Z77511', 'Z→2'],
    ['44030519811202416×', null],
    ['44030519811202416x', null],
  ])('reads the OCR confusion %s', (raw, note) => {
    const [p] = proposals(`公民身份号码 ${raw}`, '证件号码');
    expect(p?.value).toMatch(/^(310115196604277511|44030519811202416X)$/);
    if (note) {
      expect(p!.notes.join(' ')).toContain(note);
      expect(p!.confidence).toBeLessThan(0.95);
    }
  });

  it('refuses a number whose check character or birth date is wrong', () => {
    expect(values('证件号码 310115196604277512', '证件号码')).toEqual([]);
    expect(values('证件号码 310115199902307511', '证件号码')).toEqual([]);
  });

  it('ranks an unlabelled ID number below a labelled one', () => {
    const found = proposals('身份证号码 110105197811289739\n经办人 420106198004227092', '证件号码');
    expect(found.map((p) => p.value)).toEqual(['110105197811289739', '420106198004227092']);
    expect(found[1]!.confidence).toBeLessThan(found[0]!.confidence);
  });
});

describe('field extraction: codes, cards, mobiles', () => {
  it('proposes a 统一社会信用代码 and reads O as 0', () => {
    expect(values('统一社会信用代码 91330100799655058B', '统一社会信用代码')).toEqual(['91330100799655058B']);
    const [p] = proposals('统一社会信用代码 913301OO799655058B', '统一社会信用代码');
    expect(p?.value).toBe('91330100799655058B');
    expect(p?.notes.join(' ')).toContain('O→0');
  });

  it('refuses a credit code with a wrong check character', () => {
    expect(values('统一社会信用代码 91330100799655058A', '统一社会信用代码')).toEqual([]);
  });

  it('reads a card printed in groups of four, checked by Luhn', () => {
    expect(values('6225 8809 7733 2242 206', '银行卡号')).toEqual(['6225880977332242206']);
    expect(values('银行卡号 6222020670118901354', '银行卡号')).toEqual(['6222020670118901354']);
    expect(values('银行卡号 6222020670118901355', '银行卡号')).toEqual([]);
    expect(values('银行卡号 62220206701189O1354', '银行卡号')).toEqual(['6222020670118901354']);
  });

  it('takes neither an ID number nor the digits of one for a card', () => {
    expect(values('公民身份号码 44030519811202416X', '银行卡号')).toEqual([]);
    expect(values('身份证号码 110105197811289739', '银行卡号')).toEqual([]);
  });

  it('proposes mobiles, not longer numbers that contain one', () => {
    expect(values('联系电话 18689801891', '手机号码')).toEqual(['18689801891']);
    expect(values('联系电话 186898O1891', '手机号码')).toEqual(['18689801891']);
    expect(values('账号 6222020670118901354', '手机号码')).toEqual([]);
    expect(values('Tel: 12329', '手机号码')).toEqual([]);
  });
});

describe('field extraction: dates and amounts', () => {
  it('proposes document dates, and tells birth dates and validity apart', () => {
    const page = '申请日期：2023年05月04日\n出生 1981 年 12 月 2 日\n有效期限 2020.02.23-2040.02.23';
    expect(values(page, '日期')).toEqual(['2023-05-04']);
    expect(values(page, '出生日期')).toEqual(['1981-12-02']);
    expect(values(page, '有效期限').sort()).toEqual(['2020-02-23', '2040-02-23']);
  });

  it('checks capitals against figures: agreement raises, disagreement flags', () => {
    const agree = proposals('提取金额（小写） ¥258,370.00 大写 贰拾伍万捌仟叁佰柒拾元整', '金额');
    expect(agree).toHaveLength(1);
    expect(agree[0]).toMatchObject({ value: '258370.00' });
    expect(agree[0]!.notes.join(' ')).toContain('一致');
    expect(agree[0]!.confidence).toBeGreaterThan(0.97);

    const disagree = proposals('提取金额（小写） ¥258,370.00 大写 贰拾伍万捌仟叁佰元整', '金额');
    expect(disagree.map((p) => p.value).sort()).toEqual(['258300.00', '258370.00']);
    for (const p of disagree) {
      expect(p.notes.join(' ')).toContain('不一致');
      expect(p.confidence).toBeLessThan(0.5);
    }
  });

  it('takes labelled figures without a currency mark, but not numbers that only follow an amount word', () => {
    expect(values('申请金额 900,000.00 贷款期限 300个月', '金额')).toEqual(['900000.00']);
    expect(values('借款金额（小写）：1,040,000.00', '金额')).toEqual(['1040000.00']);
    expect(values('注：1.本表一式两份；2.提取金额不得超过账户余额；3.页码Page1of1。', '金额')).toEqual([]);
  });

  it('reads 人民币…元…角…分 and figures with look-alikes', () => {
    expect(values('人民币叁佰元伍角陆分', '金额')).toEqual(['300.56']);
    const [p] = proposals('金额 ¥1,O40,000.00', '金额');
    expect(p?.value).toBe('1040000.00');
    expect(p?.notes.join(' ')).toContain('O→0');
  });
});

describe('field extraction: names and configured patterns', () => {
  it.each([
    ['姓名 沈建华 证件类型 居民身份证', '沈建华'],
    ['借款人（甲方）：胡海波', '胡海波'],
    ['持卡人 戴丽华 身份证号码 320102196702164801', '戴丽华'],
    ['兹证明毛秀英（身份证号码：430104199011275045）系职工', '毛秀英'],
    ['申请人姓名：欧阳娜娜', '欧阳娜娜'],
  ])('takes the name beside its label: %s', (text, name) => {
    const [p] = proposals(text, '姓名');
    expect(p?.value).toBe(name);
    expect(p?.boxes.length).toBeGreaterThan(0);
  });

  it('takes no label word for a name', () => {
    expect(values('姓名 性别 民族', '姓名')).toEqual([]);
  });

  it('reads contract and account numbers by the default patterns', () => {
    expect(values('合同编号：BJJK2024219425', '贷款合同号')).toEqual(['BJJK2024219425']);
    expect(values('证件号码 310115196604277511 个人账号 6334243516O9', '个人账号')).toEqual(['633424351609']);
    expect(values('受理编号：TQ202305063696', '业务流水号')).toEqual(['TQ202305063696']);
  });

  it('follows a centre’s own patterns', () => {
    const patterns = [{ field: '贷款合同号', labels: ['合同号'], value: 'HT-\\d{4}-\\d{6}' }];
    expect(proposals('合同号 HT-2025-000123', '贷款合同号', { patterns }).map((p) => p.value)).toEqual(['HT-2025-000123']);
    expect(proposals('合同号 2025000123', '贷款合同号', { patterns })).toEqual([]);
  });
});

describe('field text', () => {
  it('keeps the cells of a row apart and the words of a cell together', () => {
    const [row] = pageRows(pageFromText('出生  1981 年 12 月 2 日  住址  广东省深圳市'));
    expect(row!.text).toBe('出生 1981年12月2日 住址 广东省深圳市');
    expect(row!.wordAt.filter((i) => i < 0)).toHaveLength(3);
  });

  it('finds rows on a turned page', () => {
    const page = pageFromText('姓名 沈建华 性别 男 民族 汉 出生日期 1990年1月1日\n证件号码  310115196604277511');
    const turned = { ...page, angle: 3, lines: page.lines.map((l) => turn(l, 3, page)) };
    expect(pageRows(turned).map((r) => r.text)).toEqual(['姓名 沈建华 性别 男 民族 汉 出生日期1990年1月1日', '证件号码 310115196604277511']);
  });
});

/** Move a line's box centre as a page turned clockwise by `degrees` would. */
function turn<T extends { box: [number, number, number, number] }>(line: T, degrees: number, page: { width: number; height: number }): T {
  const a = (degrees * Math.PI) / 180;
  const [x, y, w, h] = line.box;
  const dx = x + w / 2 - page.width / 2;
  const dy = y + h / 2 - page.height / 2;
  const cx = page.width / 2 + dx * Math.cos(a) - dy * Math.sin(a);
  const cy = page.height / 2 + dx * Math.sin(a) + dy * Math.cos(a);
  return { ...line, box: [cx - w / 2, cy - h / 2, w, h] };
}

/** Ground truth of ../shared/samples, copied into the repository so the test always runs. */
const SAMPLES = path.resolve('tests/fixtures/samples-gt');

describe('field extraction on the sample pages’ ground truth', () => {
  const pages = readdirSync(SAMPLES).filter((f) => f.endsWith('.json'));
  it.each(pages)('%s: name, ID number, amount, date and numbers are proposed', (file) => {
    const meta = JSON.parse(readFileSync(path.join(SAMPLES, file), 'utf8')) as Record<string, string | null>;
    const found = extractFields(pageFromText(readFileSync(path.join(SAMPLES, file.replace('.json', '.gt.txt')), 'utf8')));
    const has = (fields: string[], value: string) => found.some((p) => fields.includes(p.field) && p.value === value);
    expect(has(['姓名'], meta.name!), `name ${meta.name}`).toBe(true);
    expect(has(['证件号码'], meta.id_number!), `ID ${meta.id_number}`).toBe(true);
    if (meta.amount) expect(has(['金额'], formatFen(parseAmountFigures(meta.amount)!)), `amount ${meta.amount}`).toBe(true);
    expect(has(['日期', '出生日期'], parseDate(meta.date!)!), `date ${meta.date}`).toBe(true);
    if (meta.bank_card) expect(has(['银行卡号'], meta.bank_card), `card ${meta.bank_card}`).toBe(true);
    if (meta.contract_no) expect(has(['贷款合同号'], meta.contract_no), `contract ${meta.contract_no}`).toBe(true);
  });
});
