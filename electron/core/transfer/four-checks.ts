import type { CheckResult, FourChecksReport } from '../../../shared/contract';
import type { CheckFigures, Finding, FindingCode } from '../../../shared/transfer/check-words';
import { MIME } from '../media/types';
import type { BatchRecords } from './batch-records';
import { checkResult } from './check-result';
import { BagMetadata } from './bag-metadata';
import { xmlProblem } from './metadata-xml';
import type { FactsBySha } from './object-facts';

/** Open formats a transfer may carry (DA/T 70 usability); OFD is added when a station produces it. */
const OPEN_ORIGINALS = new Set<string>([MIME.jpeg, MIME.png, MIME.tiff, MIME.pdf]);
const OPEN_IMAGES = new Set<string>([MIME.jpeg, MIME.png, MIME.tiff]);

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

/**
 * DA/T 70 四性检测 of a batch on the store: the bytes against the hashes recorded at capture,
 * the records against each other, the formats and metadata a reader needs, and the process log.
 * Pure: all reading is done beforehand (object-facts, batch-records).
 */
export function runStoreChecks(input: CheckInput): CheckResult[] {
  const { records, facts } = input;
  const objects: Array<{ finding: Finding; sha256: string; sm3: string | null; size: number; mime: string; width?: number; height?: number; role: 'original' | 'derivative' }> = [];
  for (const s of records.sources) objects.push({ finding: { code: 'original', figures: { name: s.name } }, sha256: s.sha256, sm3: s.sm3, size: s.size, mime: s.mime, role: 'original' });
  for (const p of records.pages) {
    for (const d of [p.image, p.thumbnail]) {
      if (d) objects.push({ finding: { code: d === p.image ? 'page-image' : 'page-thumbnail', figures: { seq: p.seq } }, sha256: d.sha256, sm3: d.sm3, size: d.size, mime: d.mime, width: d.width, height: d.height, role: 'derivative' });
    }
  }
  const present = objects.filter((o) => facts.get(o.sha256));
  const withSm3 = present.filter((o) => o.sm3 !== null);
  const factOf = (o: (typeof objects)[number]) => facts.get(o.sha256)!;
  const found = (code: FindingCode, figures: CheckFigures = {}): Finding => ({ code, figures });

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
  const { batch, station } = records;

  return [
    checkResult('authenticity', 'authenticity.content-hash',
      present.filter((o) => factOf(o).digest.sha256 !== o.sha256).map((o) => o.finding), { total: present.length }),
    checkResult('authenticity', 'authenticity.content-sm3',
      withSm3.filter((o) => factOf(o).digest.sm3 !== o.sm3).map((o) => o.finding), { total: withSm3.length }),
    checkResult('authenticity', 'authenticity.file-properties',
      present.filter((o) => {
        const f = factOf(o);
        if (f.digest.size !== o.size || f.sniffedMime !== o.mime) return true;
        return o.width !== undefined && (f.image?.width !== o.width || f.image?.height !== o.height);
      }).map((o) => o.finding)),
    checkResult('integrity', 'integrity.files-present',
      objects.filter((o) => !facts.get(o.sha256)).map((o) => o.finding), { total: objects.length }),
    checkResult('integrity', 'integrity.counts',
      [
        ...(records.pages.length === batch.pageCount ? [] : [found('batch-pages', { said: batch.pageCount, found: records.pages.length })]),
        ...(records.sources.length === batch.fileCount ? [] : [found('batch-files', { said: batch.fileCount, found: records.sources.length })]),
        ...records.sources
          .filter((s) => {
            const idx = (pageIndexes.get(s.id) ?? []).sort((a, b) => a - b);
            return idx.length !== s.pageCount || idx.some((v, i) => v !== i);
          })
          .map((s) => found('original-pages', { name: s.name, said: s.pageCount, found: pageIndexes.get(s.id)?.length ?? 0 })),
        ...records.pages.filter((p) => !p.image || !p.thumbnail).map((p) => found('page-derivative', { seq: p.seq })),
      ],
      { pages: records.pages.length, originals: records.sources.length }),
    checkResult('integrity', 'integrity.sequence',
      records.pages.flatMap((p, i) => (p.seq === i + 1 ? [] : [found('page-seq', { position: i + 1, seq: p.seq })]))),
    checkResult('integrity', 'integrity.required-metadata',
      [
        ...(records.pages.length === 0 ? [found('no-pages')] : []),
        ...(batch.name.trim() ? [] : [found('batch-name')]),
        ...(station.fonds.trim() ? [] : [found('fonds')]),
        ...records.sources.flatMap((s, i) => (s.name.trim() ? [] : [found('original-name', { position: i + 1 })])),
        ...records.documents.flatMap((d, i) => (d.title.trim() ? [] : [found('document-title', { position: i + 1 })])),
      ]),
    checkResult('usability', 'usability.open-formats',
      present
        .filter((o) => !(o.role === 'original' ? OPEN_ORIGINALS : OPEN_IMAGES).has(factOf(o).sniffedMime ?? ''))
        .map((o) => found(o.role === 'original' ? 'original-format' : 'page-format', { ...o.finding.figures, mime: factOf(o).sniffedMime ?? '?' }))),
    checkResult('usability', 'usability.no-encryption',
      present.filter((o) => factOf(o).pdfEncrypted).map((o) => o.finding)),
    checkResult('usability', 'usability.metadata',
      [...(metadataParses ? [] : [found('metadata-json')]), ...(xmlProblem(input.metadataXml) ? [found('metadata-xml')] : [])]),
    checkResult('security', 'security.audit-chain',
      input.brokenEvents.map((id) => found('audit-event', { number: id }))),
    checkResult('security', 'security.process-log',
      [
        ...(records.events.some((e) => e.kind === 'batch.created' && e.subject === batch.id) ? [] : [found('no-batch-created')]),
        ...records.sources.filter((s) => importEvents.get(s.id) !== s.sha256).map((s) => found('import-event', { name: s.name })),
        ...records.events.filter((e) => !e.actor.trim()).map((e) => found('event-actor', { number: e.id })),
        ...(input.operator.trim() && station.id ? [] : [found('operator-unknown')]),
      ],
      { events: records.events.length, operator: input.operator, station: station.name }),
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
