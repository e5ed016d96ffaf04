import type { CheckAspect, CheckResult, FourChecksReport } from '../../../shared/contract';
import { MIME } from '../media/types';
import type { BatchRecords } from './batch-records';
import { BagMetadata } from './bag-metadata';
import { xmlProblem } from './metadata-xml';
import type { FactsBySha } from './object-facts';

/** Open formats a transfer may carry (DA/T 70 usability); OFD is added when a station produces it. */
const OPEN_ORIGINALS = new Set<string>([MIME.jpeg, MIME.png, MIME.tiff, MIME.pdf]);
const OPEN_IMAGES = new Set<string>([MIME.jpeg, MIME.png, MIME.tiff]);
const SHOWN_SUBJECTS = 20;

export interface CheckInput {
  readonly records: BatchRecords;
  readonly facts: FactsBySha;
  readonly operator: string;
  readonly at: string;
  /** The metadata files as they will travel, to prove they parse. */
  readonly metadataJson: string;
  readonly metadataXml: string;
  /** Ids of audit events whose chain link or hash does not hold. */
  readonly brokenEvents: readonly number[];
}

function check(aspect: CheckAspect, id: string, subjects: readonly string[], pass: string, fail: (n: number) => string): CheckResult {
  const ok = subjects.length === 0;
  return { aspect, id, ok, message: ok ? pass : fail(subjects.length), subjects: subjects.slice(0, SHOWN_SUBJECTS) };
}

/**
 * DA/T 70 四性检测 of a batch on the store: the bytes against the hashes recorded at capture,
 * the records against each other, the formats and metadata a reader needs, and the process log.
 * Pure: all reading is done beforehand (object-facts, batch-records).
 */
export function runStoreChecks(input: CheckInput): CheckResult[] {
  const { records, facts } = input;
  const objects: Array<{ label: string; sha256: string; sm3: string | null; size: number; mime: string; width?: number; height?: number; role: 'original' | 'derivative' }> = [];
  for (const s of records.sources) objects.push({ label: `original ${s.name}`, sha256: s.sha256, sm3: s.sm3, size: s.size, mime: s.mime, role: 'original' });
  for (const p of records.pages) {
    for (const d of [p.image, p.thumbnail]) {
      if (d) objects.push({ label: `page ${p.seq} ${d === p.image ? 'image' : 'thumbnail'}`, sha256: d.sha256, sm3: d.sm3, size: d.size, mime: d.mime, width: d.width, height: d.height, role: 'derivative' });
    }
  }
  const present = objects.filter((o) => facts.get(o.sha256));
  const withSm3 = present.filter((o) => o.sm3 !== null);
  const factOf = (o: (typeof objects)[number]) => facts.get(o.sha256)!;

  const pageIndexes = new Map<string, number[]>();
  for (const p of records.pages) pageIndexes.set(p.sourceFileId, [...(pageIndexes.get(p.sourceFileId) ?? []), p.pageIndex]);
  const importEvents = new Map<string, string>();
  for (const e of records.events) {
    if (e.kind === 'file.imported') importEvents.set(e.subject, (JSON.parse(e.data) as { sha256?: string }).sha256 ?? '');
  }
  const metadataParses = (() => {
    try {
      return BagMetadata.safeParse(JSON.parse(input.metadataJson)).success;
    } catch {
      return false;
    }
  })();
  const xml = xmlProblem(input.metadataXml);
  const { batch, station } = records;

  return [
    check('authenticity', 'authenticity.content-hash',
      present.filter((o) => factOf(o).digest.sha256 !== o.sha256).map((o) => o.label),
      `${present.length} 个文件内容与采集时记录的 SHA-256 一致 / content of ${present.length} files matches the SHA-256 recorded at capture`,
      (n) => `${n} 个文件内容与采集时的哈希不符 / ${n} files no longer match the hash recorded at capture`),
    check('authenticity', 'authenticity.content-sm3',
      withSm3.filter((o) => factOf(o).digest.sm3 !== o.sm3).map((o) => o.label),
      `${withSm3.length} 个文件内容与采集时记录的 SM3 一致 / content of ${withSm3.length} files matches the SM3 recorded at capture`,
      (n) => `${n} 个文件内容与采集时记录的 SM3 不符 / ${n} files no longer match the SM3 recorded at capture`),
    check('authenticity', 'authenticity.file-properties',
      present.filter((o) => {
        const f = factOf(o);
        if (f.digest.size !== o.size || f.sniffedMime !== o.mime) return true;
        return o.width !== undefined && (f.image?.width !== o.width || f.image?.height !== o.height);
      }).map((o) => o.label),
      '文件大小、格式和图像尺寸与元数据一致 / size, format and image dimensions match the metadata',
      (n) => `${n} 个文件的属性与元数据不符 / ${n} files differ from their metadata (size, format or dimensions)`),
    check('integrity', 'integrity.files-present',
      objects.filter((o) => !facts.get(o.sha256)).map((o) => o.label),
      `登记的 ${objects.length} 个文件全部在库 / all ${objects.length} registered files are present`,
      (n) => `${n} 个登记的文件缺失 / ${n} registered files are missing`),
    check('integrity', 'integrity.counts',
      [
        ...(records.pages.length === batch.pageCount ? [] : [`batch says ${batch.pageCount} pages, ${records.pages.length} found`]),
        ...(records.sources.length === batch.fileCount ? [] : [`batch says ${batch.fileCount} files, ${records.sources.length} found`]),
        ...records.sources
          .filter((s) => {
            const idx = (pageIndexes.get(s.id) ?? []).sort((a, b) => a - b);
            return idx.length !== s.pageCount || idx.some((v, i) => v !== i);
          })
          .map((s) => `original ${s.name}: ${s.pageCount} pages registered, ${pageIndexes.get(s.id)?.length ?? 0} present`),
        ...records.pages.filter((p) => !p.image || !p.thumbnail).map((p) => `page ${p.seq} lacks a derivative`),
      ],
      `页数 ${records.pages.length}、原始文件 ${records.sources.length} 与登记一致 / ${records.pages.length} pages and ${records.sources.length} originals match the register`,
      (n) => `${n} 处数量与登记不符 / ${n} counts differ from the register`),
    check('integrity', 'integrity.sequence',
      records.pages.filter((p, i) => p.seq !== i + 1).map((p) => `page ${p.id} has seq ${p.seq}`),
      '页序号从 1 起连续 / page numbers run from 1 without gaps',
      (n) => `${n} 个页序号不连续 / ${n} page numbers break the sequence`),
    check('integrity', 'integrity.required-metadata',
      [
        ...(records.pages.length === 0 ? ['the batch has no pages'] : []),
        ...(batch.name.trim() ? [] : ['batch name']),
        ...(station.fonds.trim() ? [] : ['全宗号 (fonds)']),
        ...records.sources.filter((s) => !s.name.trim()).map((s) => `original ${s.id} has no name`),
        ...records.documents.filter((d) => !d.title.trim()).map((d) => `document ${d.id} has no title`),
      ],
      '必备元数据齐全 / required metadata is present',
      (n) => `${n} 项必备元数据缺失 / ${n} required metadata elements are missing`),
    check('usability', 'usability.open-formats',
      present.filter((o) => !(o.role === 'original' ? OPEN_ORIGINALS : OPEN_IMAGES).has(factOf(o).sniffedMime ?? '')).map((o) => `${o.label}: ${factOf(o).sniffedMime ?? 'unknown'}`),
      '全部为开放格式（JPEG、PNG、TIFF、PDF）/ every file is in an open format (JPEG, PNG, TIFF, PDF)',
      (n) => `${n} 个文件不是开放格式 / ${n} files are not in an open format`),
    check('usability', 'usability.no-encryption',
      present.filter((o) => factOf(o).pdfEncrypted).map((o) => o.label),
      '没有加密文件 / no file is encrypted',
      (n) => `${n} 个文件已加密 / ${n} files are encrypted`),
    check('usability', 'usability.metadata',
      [...(metadataParses ? [] : ['metadata.json does not parse']), ...(xml ? [`metadata.xml: ${xml}`] : [])],
      '元数据（JSON 与 XML）可解析 / metadata (JSON and XML) parses',
      () => '元数据无法解析 / metadata does not parse'),
    check('security', 'security.audit-chain',
      input.brokenEvents.map((id) => `event#${id}`),
      '审计日志哈希链完整 / the audit log hash chain holds',
      (n) => `${n} 条审计记录与哈希链不符 / ${n} audit events break the hash chain`),
    check('security', 'security.process-log',
      [
        ...(records.events.some((e) => e.kind === 'batch.created' && e.subject === batch.id) ? [] : ['no batch.created event']),
        ...records.sources.filter((s) => importEvents.get(s.id) !== s.sha256).map((s) => `original ${s.name} has no matching import event`),
        ...records.events.filter((e) => !e.actor.trim()).map((e) => `event#${e.id} has no actor`),
        ...(input.operator.trim() && station.id ? [] : ['operator or station unknown']),
      ],
      `过程记录完整：${records.events.length} 条审计记录，操作人 ${input.operator}，工作站 ${station.name} / process log complete: ${records.events.length} events, operator ${input.operator}, station ${station.name}`,
      (n) => `过程记录有 ${n} 处缺失 / the process log has ${n} gaps`),
  ];
}

export function fourChecksReport(input: Pick<CheckInput, 'records' | 'operator' | 'at'>, stage: FourChecksReport['stage'], checks: readonly CheckResult[]): FourChecksReport {
  return {
    batchId: input.records.batch.id,
    stage,
    at: input.at,
    station: input.records.station,
    operator: input.operator,
    ok: checks.every((c) => c.ok),
    checks: [...checks],
  };
}
