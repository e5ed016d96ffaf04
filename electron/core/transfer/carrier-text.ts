import type { FourChecksReport } from '../../../shared/contract';
import type { Station } from '../store/repo/station';
import { ARCHIVAL_ELEMENTS, BUSINESS_ELEMENTS, el, fieldGroup, fixity, xmlDocument } from './metadata-xml';

/** A file written to a carrier, with the digests read back from the carrier itself. */
export interface CarrierFile {
  readonly path: string;
  readonly sha256: string;
  readonly sm3: string;
  readonly size: number;
}

/** One 件 on the carrier: its 档号, its elements and the files in its folder (OFD first). */
export interface CarrierEntry {
  readonly code: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly files: readonly CarrierFile[];
}

export const FIXITY_ALGORITHMS = 'SM3 (GB/T 32905-2016), SHA-256 (FIPS 180-4)';

/**
 * 文件目录.XML: the catalogue element list DA/T 93-2022's carrier structure names for each 件
 * (顺序号, 档号, 责任者, 题名, 日期, 密级, 电子档案名称, 备注), followed by the 件's DA/T 46 and
 * business elements and each of its files with size and SM3/SHA-256 fixity.
 */
export function carrierCatalogueXml(entries: readonly CarrierEntry[], station: Station): string {
  const archivalKeys = new Set<string>(ARCHIVAL_ELEMENTS);
  const root = el('文件目录', undefined, entries.map((entry, i) => {
    const f = entry.fields;
    const archival = Object.fromEntries(Object.entries(f).filter(([k]) => archivalKeys.has(k)));
    const business = Object.fromEntries(Object.entries(f).filter(([k]) => !archivalKeys.has(k)));
    const text = (name: string, value: string | undefined) => el(name, undefined, value ? [value] : []);
    return el('文件', undefined, [
      text('顺序号', String(i + 1)),
      text('档号', entry.code),
      text('责任者', f['责任者'] ?? station.name),
      text('题名', f['题名'] ?? f['业务类型']),
      text('日期', f['日期'] ?? f['办理日期']),
      text('密级', f['密级']),
      text('电子档案名称', entry.files[0]?.path),
      text('备注', f['备注']),
      fieldGroup('档号信息', ARCHIVAL_ELEMENTS, archival),
      fieldGroup('业务信息', BUSINESS_ELEMENTS, business),
      el('电子文件', undefined, entry.files.map((file) =>
        el('计算机文件', { 路径: file.path, 大小: file.size }, fixity(file)),
      )),
    ]);
  }));
  return xmlDocument(root);
}

export interface CarrierFacts {
  readonly profileTitle: string;
  readonly batch: { readonly id: string; readonly name: string };
  readonly station: Station;
  readonly operator: string;
  readonly at: string;
  readonly items: number;
  readonly files: number;
  readonly bytes: number;
  /** Pages of the batch in no 件: they are not on the carrier. */
  readonly loosePages: number;
  readonly catalogueFile: string;
  readonly fixityFile: string;
  readonly checks: FourChecksReport | null;
}

/** 说明文件: who sends what, when, how much, and how to check it — plain text a person reads first. */
export function carrierDescription(facts: CarrierFacts): string {
  const checks = facts.checks;
  return [
    '离线移交载体说明 / offline transfer carrier',
    `载体格式 / layout: ${facts.profileTitle}`,
    `移交单位 / from: ${facts.station.name}（全宗号 ${facts.station.fonds}，工作站 ${facts.station.id}）`,
    `移交人 / operator: ${facts.operator}`,
    `制作时间 / written at: ${facts.at}`,
    `批次 / batch: ${facts.batch.name}（${facts.batch.id}）`,
    `件数 / items: ${facts.items}`,
    `电子文件数 / files: ${facts.files}`,
    `字节数 / bytes: ${facts.bytes}`,
    ...(facts.loosePages > 0 ? [`未归入件的页面 / pages in no item (not on this carrier): ${facts.loosePages}`] : []),
    `目录文件 / catalogue: ${facts.catalogueFile}`,
    `固化信息 / fixity: ${facts.fixityFile}，算法 / algorithms ${FIXITY_ALGORITHMS}；覆盖本文件在内的载体上其他全部文件 / covers every other file, this one included`,
    checks
      ? `四性检测 / 四性检测 (DA/T 70): ${checks.ok ? '通过 passed' : '未通过 failed'}（${checks.at}，${checks.checks.filter((c) => c.ok).length}/${checks.checks.length} 项）`
      : '四性检测 / 四性检测 (DA/T 70): 无记录 / no report recorded',
    '电子档案按 年度—类别—件 存放，每件含 OFD（GB/T 33190）及其原件 / records by year → class → item, each as OFD with its originals',
    '',
  ].join('\n');
}

/** The fixity list: `SM3  SHA-256  bytes  path` per file, sorted by path, after a header of `#` lines. */
export function fixityListText(files: readonly CarrierFile[]): string {
  const lines = [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sm3}  ${f.sha256}  ${f.size}  ${f.path}`);
  return ['# SM3  SHA-256  字节 bytes  路径 path', ...lines, ''].join('\n');
}
