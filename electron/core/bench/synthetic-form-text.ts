import { prng } from './synthetic-pages';

/**
 * OCR text shaped like the counter's forms (提取申请表, 借款合同, ID-card copies…): about 420
 * characters of labels, a person's name, an 18-digit ID number, account and phone numbers,
 * amounts, dates and boilerplate. Names follow the skew of real ones (王/李/张… lead, and a few
 * given names are very common), so a two-character name such as 张伟 is on many pages, as at a
 * real counter. The same seed gives the same text.
 */
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红玉文辉鹏飞斌宇浩凯健俊帆帅旭宁龙林欣佳晨阳雪梅琳晶婷颖倩丹萍燕蕾志海波峰鑫';
const FORMS = [
  { title: '住房公积金提取申请表', words: ['提取申请', '提取原因', '购买自住住房', '偿还购房贷款本息', '离休退休'] },
  { title: '个人住房公积金借款合同', words: ['借款合同', '借款金额', '还款方式', '等额本息', '抵押物'] },
  { title: '居民身份证复印件', words: ['居民身份证', '签发机关', '有效期限', '公安局', '与原件一致'] },
  { title: '单位住房公积金缴存登记表', words: ['缴存登记', '缴存基数', '缴存比例', '单位性质', '经办人'] },
  { title: '住房公积金个人账户变更申请表', words: ['账户变更', '变更事项', '变更原因', '转移接续', '封存'] },
];
const COMPANIES = ['上海博远医药有限公司', '北京华信科技股份有限公司', '广州市南方建设集团', '成都天府软件有限公司', '杭州西湖食品有限公司', '深圳前海金融服务有限公司'];
const BANKS = ['中国工商银行', '中国建设银行', '中国农业银行', '中国银行', '交通银行', '招商银行'];
const BOILERPLATE = [
  '申请人承诺以上内容真实有效，如有虚假愿承担相应法律责任。',
  '本表一式两份，管理中心与申请人各执一份。',
  '请核对所填信息，确认无误后签字。',
  '经办网点审核意见：资料齐全，同意办理。',
  '提取金额不得超过个人账户余额。',
  '借款人应按合同约定按月足额归还贷款本息。',
];

export interface FormPerson {
  readonly name: string;
  readonly idNumber: string;
}

/** The text of one page, and who is on it (for picking queries that hit). */
export interface FormText {
  readonly text: string;
  readonly person: FormPerson;
}

const digits = (rand: () => number, n: number): string => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join('');

/** Skewed pick: low indexes far more often (about the spread of Chinese surnames). */
const skewed = <T>(rand: () => number, list: readonly T[] | string): T => list[Math.floor(list.length * rand() ** 2.5)] as T;

function personOf(rand: () => number): FormPerson {
  const given = rand() < 0.35 ? skewed<string>(rand, GIVEN) : skewed<string>(rand, GIVEN) + GIVEN[Math.floor(rand() * GIVEN.length)];
  const year = 1955 + Math.floor(rand() * 50);
  const date = `${year}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  return { name: skewed<string>(rand, SURNAMES) + given, idNumber: `${['110101', '310115', '440106', '510104', '330106'][Math.floor(rand() * 5)]}${date}${digits(rand, 4)}` };
}

/**
 * The seed scrambled (murmur3's finalizer, a bijection on 32 bits) before it seeds xorshift: the
 * first outputs of xorshift from small consecutive seeds follow the seed's magnitude, so pages
 * past seed 32 767 never drew the first form and the mix of forms and names drifted with the
 * store's size.
 */
function scrambled(seed: number): number {
  let h = seed >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function formText(seed: number): FormText {
  const rand = prng(scrambled(seed), 0x9e3779b9);
  const form = FORMS[Math.floor(rand() * FORMS.length)]!;
  const person = personOf(rand);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const lines = [
    form.title,
    `姓名 ${person.name}  证件类型 居民身份证`,
    `证件号码 ${person.idNumber}  个人账号 ${digits(rand, 12)}`,
    `单位名称 ${pick(COMPANIES)}`,
    `联系电话 1${3 + Math.floor(rand() * 7)}${digits(rand, 9)}  联系地址 ${pick(['上海市浦东新区', '北京市东城区', '广州市天河区', '成都市武侯区'])}${digits(rand, 2)}号`,
    `${pick(form.words)} ${pick(form.words)}  金额 ${1000 + Math.floor(rand() * 500000)}.${digits(rand, 2)} 元`,
    `收款银行 ${pick(BANKS)}  银行卡号 6222${digits(rand, 15)}`,
    `申请日期 ${2015 + Math.floor(rand() * 11)}年${1 + Math.floor(rand() * 12)}月${1 + Math.floor(rand() * 28)}日`,
  ];
  let length = lines.join('\n').length;
  while (length < 400) {
    const line = pick(BOILERPLATE);
    lines.push(line);
    length += line.length + 1;
  }
  return { text: lines.join('\n'), person };
}
