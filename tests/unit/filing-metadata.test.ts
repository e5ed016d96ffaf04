import { describe, expect, it } from 'vitest';
import { fieldChecks } from '../../shared/fields/field-checks';
import { maskFields, validateFields } from '../../shared/filing/metadata-rules';
import { findBusiness } from '../../shared/filing/scheme';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';

const scheme = defaultSchemeBody();
const purchase = findBusiness(scheme, 'TQ-GF')!;

describe('metadata validation', () => {
  it('normalizes good values and keeps capitals as written', () => {
    const v = validateFields(scheme, { 证件号码: '11010119900307457x'.replace('x', '3'), 金额: '12,300', 金额大写: '壹万贰仟叁佰元整', 手机号码: '13812345678', 婚姻状况: '已婚', 备注: '' }, fieldChecks);
    expect(v.problems).toEqual([]);
    expect(v.values).toEqual({ 证件号码: '110101199003074573', 金额: '12300.00', 金额大写: '壹万贰仟叁佰元整', 手机号码: '13812345678', 婚姻状况: '已婚' });
  });

  it('explains each problem in Chinese and English', () => {
    const v = validateFields(
      scheme,
      { 证件号码: '110101199003074574', 统一社会信用代码: '91350100M000100Y44', 金额: '12300', 金额大写: '壹万贰仟元整', 婚姻状况: '保密', 档号: 'x', 星座: '白羊' },
      fieldChecks,
      { business: purchase, requireAll: true },
    );
    const byField = new Map(v.problems.map((p) => [p.field, p.message]));
    expect(byField.get('证件号码')?.zh).toMatch(/校验/);
    expect(byField.get('金额大写')?.zh).toMatch(/不一致/);
    expect(byField.get('金额大写')?.en).toMatch(/does not agree/);
    expect(byField.get('婚姻状况')?.zh).toMatch(/已婚/);
    expect(byField.get('档号')?.en).toMatch(/set by the station/);
    expect(byField.get('星座')?.en).toMatch(/no such metadata element/);
    expect(byField.get('姓名')?.zh).toMatch(/必须填写/);
  });

  it('masks personal elements for lists only', () => {
    expect(maskFields(scheme, { 姓名: '张三', 证件号码: '110101199003074573', 联系地址: '上海市浦东新区东方明珠苑3栋' })).toEqual({
      姓名: '张三',
      证件号码: '1101**********4573',
      联系地址: '上海市浦东新********',
    });
  });
});
