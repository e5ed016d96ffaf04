import type { BagMetadata } from './bag-metadata';

/** DA/T 46 archival elements of a 件, in the order the standard lists them. */
export const ARCHIVAL_ELEMENTS = [
  '档号', '全宗号', '门类代码', '年度', '保管期限', '机构问题代码', '件号', '题名', '责任者', '日期', '页数', '密级', '备注',
] as const;

/** Provident-fund business elements of a 件. */
export const BUSINESS_ELEMENTS = [
  '业务类型', '业务流水号', '办理日期', '办理网点', '经办人', '个人账号', '姓名', '证件类型', '证件号码',
  '单位账号', '单位名称', '统一社会信用代码', '贷款合同号', '金额',
] as const;

/** DA/T 31 digitization elements of a page. */
export const DIGITIZATION_ELEMENTS = ['扫描分辨率', '色彩模式', '文件格式', '扫描设备', '扫描人', '扫描时间'] as const;

export interface XmlElement {
  readonly name: string;
  readonly attrs?: Readonly<Record<string, string | number | null | undefined>>;
  readonly children?: ReadonlyArray<XmlElement | string>;
}

export const el = (name: string, attrs?: XmlElement['attrs'], children?: XmlElement['children']): XmlElement => ({ name, attrs, children });

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string): string => escapeText(s).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
// Characters XML 1.0 cannot carry at all, even escaped.
const stripInvalid = (s: string): string => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

function serialize(node: XmlElement, indent: string, out: string[]): void {
  const attrs = Object.entries(node.attrs ?? {})
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${escapeAttr(stripInvalid(String(v)))}"`)
    .join('');
  const children = node.children ?? [];
  if (children.length === 0) {
    out.push(`${indent}<${node.name}${attrs}/>`);
  } else if (children.every((c) => typeof c === 'string')) {
    out.push(`${indent}<${node.name}${attrs}>${escapeText(stripInvalid(children.join('')))}</${node.name}>`);
  } else {
    out.push(`${indent}<${node.name}${attrs}>`);
    for (const c of children) {
      if (typeof c === 'string') out.push(`${indent}  ${escapeText(stripInvalid(c))}`);
      else serialize(c, `${indent}  `, out);
    }
    out.push(`${indent}</${node.name}>`);
  }
}

/** An XML 1.0 document (UTF-8 declaration, two-space indent) of one root element. */
export function xmlDocument(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  serialize(root, '', out);
  return `${out.join('\n')}\n`;
}

/** Known elements in the standard's order (empty when not known yet), then any others by name. */
export function fieldGroup(name: string, known: readonly string[], fields: Readonly<Record<string, string>>): XmlElement {
  const extra = Object.keys(fields).filter((k) => !known.includes(k)).sort();
  return el(name, undefined, [
    ...known.map((k) => el(k, undefined, fields[k] ? [fields[k]!] : [])),
    ...extra.map((k) => el('字段', { 名称: k }, [fields[k]!])),
  ]);
}

/** 固化信息 of a file: its SHA-256 and, where recorded, its SM3 (GB/T 32905). */
export const fixity = (f: { readonly sha256: string; readonly sm3?: string }): XmlElement[] => [
  el('固化信息', { 算法: 'SHA-256' }, [f.sha256]),
  ...(f.sm3 ? [el('固化信息', { 算法: 'SM3' }, [f.sm3])] : []),
];

/** `data/metadata/metadata.xml`: the DA/T 46 rendering of metadata.json (same facts, same bag). */
export function renderMetadataXml(m: BagMetadata): string {
  const root = el('移交元数据', { xmlns: 'urn:hpf-desk:metadata:1', 格式版本: m.version }, [
    el('批次', {
      标识: m.batch.id, 名称: m.batch.name, 类型: m.batch.kind, 业务: m.batch.business, 创建时间: m.batch.createdAt,
      页数: m.batch.pageCount, 原始文件数: m.batch.fileCount,
    }),
    el('来源', undefined, [
      el('全宗号', undefined, [m.station.fonds]),
      el('工作站', { 标识: m.station.id, 名称: m.station.name }),
      el('移交人', undefined, [m.operator]),
      fieldGroup('档号信息', ARCHIVAL_ELEMENTS, m.archival),
    ]),
    ...m.items.map((item) =>
      el('件', { 标识: item.id, 聚合层次: '件', 业务: item.business, 状态: item.state, 创建时间: item.createdAt }, [
        fieldGroup('档号信息', ARCHIVAL_ELEMENTS, item.archival),
        fieldGroup('业务信息', BUSINESS_ELEMENTS, item.businessFields),
        ...item.documentIds.map((id) => el('包含文件', { 标识: id })),
      ]),
    ),
    ...m.originals.map((o) =>
      el('原始文件', { 标识: o.id, 名称: o.name, 页数: o.pageCount, 导入时间: o.importedAt }, [
        el('计算机文件名', undefined, [o.path]),
        el('计算机文件大小', undefined, [String(o.size)]),
        el('格式信息', undefined, [o.mime]),
        ...fixity(o),
      ]),
    ),
    ...m.documents.map((doc) =>
      el('文件', { 标识: doc.id, 件标识: doc.itemId, 材料类型: doc.material, 题名: doc.title, 页数: doc.pageIds.length }, [
        ...m.pages.filter((p) => p.documentId === doc.id).map((p) =>
          el('页', { 标识: p.id, 序号: p.seq, 宽: p.width, 高: p.height }, [
            el('计算机文件名', undefined, [p.image.path]),
            el('计算机文件大小', undefined, [String(p.image.size)]),
            el('格式信息', undefined, [p.image.mime]),
            ...fixity(p.image),
            el('原始文件', { 路径: p.source.path, 页码: p.source.pageIndex + 1 }),
            el('缩略图', { 路径: p.thumbnail.path }),
            ...(p.ocr ? [el('识别文本', { 路径: p.ocr.path })] : []),
            fieldGroup('数字化属性', DIGITIZATION_ELEMENTS, p.digitization),
            el('图像处理记录', undefined, p.steps.map((s, i) => {
              const { op, ...params } = s;
              return el('步骤', { 序号: i + 1, 操作: op, 参数: JSON.stringify(params) });
            })),
          ]),
        ),
      ]),
    ),
  ]);
  return xmlDocument(root);
}

const NAME = '[^\\s<>/="\'&]+';
const TOKEN = `<\\?xml[^?]*\\?>|<(/?)(${NAME})((?:\\s+${NAME}="[^"<]*")*)\\s*(/?)>|<|[^<]+`;
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/**
 * Well-formedness of the XML this module writes (elements, attributes, text, character
 * references; no DTD): enough to prove the file a parser will read is intact. Returns the first
 * problem, or null.
 */
export function xmlProblem(xml: string): string | null {
  const stack: string[] = [];
  let roots = 0;
  const tokens = new RegExp(TOKEN, 'gy');
  for (let m = tokens.exec(xml); m; m = tokens.exec(xml)) {
    const [whole, closing, name, attrs, selfClosing] = m;
    if (whole === '<') return `stray “<” at ${m.index}`;
    if (name === undefined) {
      if (whole.startsWith('<?xml')) continue;
      if (BAD_REFERENCE.test(whole)) return `unescaped “&” at ${m.index}`;
      if (stack.length === 0 && whole.trim() !== '') return `text outside the root at ${m.index}`;
      continue;
    }
    if (attrs && BAD_REFERENCE.test(attrs)) return `unescaped “&” in an attribute at ${m.index}`;
    if (closing) {
      if (stack.pop() !== name) return `</${name}> does not close the open element at ${m.index}`;
    } else if (!selfClosing) {
      if (stack.length === 0 && ++roots > 1) return 'more than one root element';
      stack.push(name);
    } else if (stack.length === 0 && ++roots > 1) {
      return 'more than one root element';
    }
  }
  if (stack.length > 0) return `<${stack[stack.length - 1]}> is not closed`;
  return roots === 1 ? null : 'no root element';
}
