/**
 * The words of a 四性检测 (DA/T 70) report, one table for both readers: the core writes each
 * check's message in both languages into the transfer bag (a receiving archive reads either), the
 * desk shows it in the clerk's language only, from the check's id and figures. Findings (what a
 * failed check points at) are said from their code and figures the same way, never by an
 * internal id: a page by its number, an original by its file name.
 */

export type CheckFigures = Readonly<Record<string, string | number>>;
export interface Words {
  readonly zh: string;
  readonly en: string;
}
export type CheckLanguage = keyof Words;

interface CheckText {
  readonly pass: Words;
  readonly fail: Words;
}

/**
 * Every check a report can hold, pass and fail; `{name}` is filled from the check's figures, and
 * `{n}` is always how many findings the check made.
 */
export const CHECK_TEXT = {
  'authenticity.content-hash': {
    pass: { zh: '{total} 个文件内容与采集时记录的 SHA-256 一致', en: 'content of {total} files matches the SHA-256 recorded at capture' },
    fail: { zh: '{n} 个文件内容与采集时的哈希不符', en: '{n} files no longer match the hash recorded at capture' },
  },
  'authenticity.content-sm3': {
    pass: { zh: '{total} 个文件内容与采集时记录的 SM3 一致', en: 'content of {total} files matches the SM3 recorded at capture' },
    fail: { zh: '{n} 个文件内容与采集时记录的 SM3 不符', en: '{n} files no longer match the SM3 recorded at capture' },
  },
  'authenticity.file-properties': {
    pass: { zh: '文件大小、格式和图像尺寸与元数据一致', en: 'size, format and image dimensions match the metadata' },
    fail: { zh: '{n} 个文件的属性与元数据不符', en: '{n} files differ from their metadata (size, format or dimensions)' },
  },
  'integrity.files-present': {
    pass: { zh: '登记的 {total} 个文件全部在库', en: 'all {total} registered files are present' },
    fail: { zh: '{n} 个登记的文件缺失', en: '{n} registered files are missing' },
  },
  'integrity.counts': {
    pass: { zh: '页数 {pages}、原始文件 {originals} 与登记一致', en: '{pages} pages and {originals} originals match the register' },
    fail: { zh: '{n} 处数量与登记不符', en: '{n} counts differ from the register' },
  },
  'integrity.sequence': {
    pass: { zh: '页序号从 1 起连续', en: 'page numbers run from 1 without gaps' },
    fail: { zh: '{n} 个页序号不连续', en: '{n} page numbers break the sequence' },
  },
  'integrity.required-metadata': {
    pass: { zh: '必备元数据齐全', en: 'required metadata is present' },
    fail: { zh: '{n} 项必备元数据缺失', en: '{n} required metadata elements are missing' },
  },
  'usability.open-formats': {
    pass: { zh: '全部为开放格式（JPEG、PNG、TIFF、PDF）', en: 'every file is in an open format (JPEG, PNG, TIFF, PDF)' },
    fail: { zh: '{n} 个文件不是开放格式', en: '{n} files are not in an open format' },
  },
  'usability.no-encryption': {
    pass: { zh: '没有加密文件', en: 'no file is encrypted' },
    fail: { zh: '{n} 个文件已加密', en: '{n} files are encrypted' },
  },
  'usability.metadata': {
    pass: { zh: '元数据（JSON 与 XML）可解析', en: 'metadata (JSON and XML) parses' },
    fail: { zh: '元数据无法解析', en: 'metadata does not parse' },
  },
  'security.audit-chain': {
    pass: { zh: '审计日志哈希链完整', en: 'the audit log hash chain holds' },
    fail: { zh: '{n} 条审计记录与哈希链不符', en: '{n} audit events break the hash chain' },
  },
  'security.process-log': {
    pass: {
      zh: '过程记录完整：{events} 条审计记录，操作人 {operator}，工作站 {station}',
      en: 'process log complete: {events} events, operator {operator}, station {station}',
    },
    fail: { zh: '过程记录有 {n} 处缺失', en: 'the process log has {n} gaps' },
  },
  'authenticity.package-hash': {
    pass: { zh: '包内生成的文件与清单哈希一致', en: 'generated files match their listed hashes' },
    fail: { zh: '包内生成的文件与清单哈希不符', en: 'generated files differ from their listed hashes' },
  },
  'integrity.manifest': {
    pass: { zh: '清单列出全部 {total} 个载荷文件（{bytes} 字节）', en: 'manifests list all {total} payload files ({bytes} bytes)' },
    fail: { zh: '清单与载荷不一致', en: 'manifests do not match the payload' },
  },
  'security.tag-manifest': {
    pass: { zh: '标签清单覆盖全部标签文件', en: 'the tag manifest covers every tag file' },
    fail: { zh: '标签清单与标签文件不符', en: 'the tag manifest does not match the tag files' },
  },
} as const satisfies Readonly<Record<string, CheckText>>;
export type CheckId = keyof typeof CHECK_TEXT;

/** What a failed check points at; the figures name it (a file name, a page number), never an internal id. */
export const FINDING_TEXT = {
  original: { zh: '原始文件 {name}', en: 'original {name}' },
  'page-image': { zh: '第 {seq} 页图像', en: 'page {seq} image' },
  'page-thumbnail': { zh: '第 {seq} 页缩略图', en: 'page {seq} thumbnail' },
  'original-format': { zh: '原始文件 {name}：{mime}', en: 'original {name}: {mime}' },
  'page-format': { zh: '第 {seq} 页的图像：{mime}', en: 'page {seq} image: {mime}' },
  'batch-pages': { zh: '批次登记 {said} 页，实有 {found} 页', en: 'batch says {said} pages, {found} found' },
  'batch-files': { zh: '批次登记 {said} 个文件，实有 {found} 个', en: 'batch says {said} files, {found} found' },
  'original-pages': { zh: '原始文件 {name}：登记 {said} 页，实有 {found} 页', en: 'original {name}: {said} pages registered, {found} present' },
  'page-derivative': { zh: '第 {seq} 页缺少图像或缩略图', en: 'page {seq} lacks a derivative' },
  'page-seq': { zh: '第 {position} 张页面的页序号为 {seq}', en: 'the page in position {position} is numbered {seq}' },
  'no-pages': { zh: '批次没有页面', en: 'the batch has no pages' },
  'batch-name': { zh: '批次名称', en: 'batch name' },
  fonds: { zh: '全宗号', en: 'fonds' },
  'original-name': { zh: '第 {position} 个原始文件没有文件名', en: 'original number {position} has no name' },
  'document-title': { zh: '第 {position} 份文件没有题名', en: 'document number {position} has no title' },
  'metadata-json': { zh: 'metadata.json 无法解析', en: 'metadata.json does not parse' },
  'metadata-xml': { zh: 'metadata.xml 无法解析', en: 'metadata.xml does not parse' },
  'audit-event': { zh: '审计记录第 {number} 条', en: 'audit event number {number}' },
  'no-batch-created': { zh: '缺少建批记录', en: 'no record of the batch being created' },
  'import-event': { zh: '原始文件 {name} 没有相符的导入记录', en: 'original {name} has no matching import record' },
  'event-actor': { zh: '审计记录第 {number} 条没有操作人', en: 'audit event number {number} has no actor' },
  'operator-unknown': { zh: '操作人或工作站不明', en: 'operator or station unknown' },
  'package-file': { zh: '{path}', en: '{path}' },
  'manifest-malformed': { zh: '{manifest}：有格式错误或重复的行', en: '{manifest}: malformed or repeated line' },
  'manifest-differs': { zh: '{manifest}：{path}', en: '{manifest}: {path}' },
  'manifest-unexpected': { zh: '{manifest}：多出 {path}', en: '{manifest}: unexpected {path}' },
  'payload-oxum': { zh: 'Payload-Oxum 为 {got}，应为 {want}', en: 'Payload-Oxum {got} ≠ {want}' },
  'name-collision': { zh: '{path} 与 {other} 在不区分大小写的磁盘上重名', en: '{path} collides with {other}' },
  'outside-data': { zh: '{path} 不在 data/ 之下', en: '{path} is outside data/' },
} as const satisfies Readonly<Record<string, Words>>;
export type FindingCode = keyof typeof FINDING_TEXT;

export interface Finding {
  readonly code: FindingCode;
  readonly figures: CheckFigures;
}

const fill = (template: string, figures: CheckFigures): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (figures[name] === undefined ? whole : String(figures[name])));

const both = (words: Words, figures: CheckFigures): Words => ({ zh: fill(words.zh, figures), en: fill(words.en, figures) });

const isCheckId = (id: string): id is CheckId => Object.prototype.hasOwnProperty.call(CHECK_TEXT, id);
const isFindingCode = (code: string): code is FindingCode => Object.prototype.hasOwnProperty.call(FINDING_TEXT, code);

/** A check's message in both languages, or null for an id this station does not know (a newer sender's). */
export function checkWords(id: string, ok: boolean, figures: CheckFigures): Words | null {
  return isCheckId(id) ? both(CHECK_TEXT[id][ok ? 'pass' : 'fail'], figures) : null;
}

/** A finding in both languages, or null for a code this station does not know. */
export function findingWords(finding: { readonly code: string; readonly figures: CheckFigures }): Words | null {
  return isFindingCode(finding.code) ? both(FINDING_TEXT[finding.code], finding.figures) : null;
}

/** The form the bag and the command line carry: both languages, Chinese first. */
export const bilingual = (words: Words): string => `${words.zh} / ${words.en}`;
