import type { BagMetadata } from './bag-metadata';
import type { BagLayout } from './bag-layout';
import { eventLine } from './chain-seal';
import type { BatchRecords } from './batch-records';
import type { MetadataHooks } from './metadata-hooks';
import { ARCHIVAL_ELEMENTS } from './metadata-xml';
import type { FactsBySha } from './object-facts';

const FORMAT_NAME: Readonly<Record<string, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/tiff': 'TIFF',
  'application/pdf': 'PDF',
};

export interface OcrFile {
  readonly pageId: string;
  readonly path: string;
  readonly sha256: string;
  readonly sm3: string;
  readonly size: number;
}

/** Who imported each original, from the audit log (扫描人). */
function importers(records: BatchRecords): Map<string, string> {
  const by = new Map<string, string>();
  for (const e of records.events) if (e.kind === 'file.imported') by.set(e.subject, e.actor);
  return by;
}

/** `metadata.json`: the batch's records with their payload paths and DA/T 31 digitization elements. */
export function buildBagMetadata(
  records: BatchRecords,
  layout: BagLayout,
  facts: FactsBySha,
  hooks: MetadataHooks,
  operator: string,
  ocr: ReadonlyMap<string, OcrFile>,
): BagMetadata {
  const sources = new Map(records.sources.map((s) => [s.id, s]));
  const importedBy = importers(records);
  // The SM3 of the bytes that travel: the store checks have proved it equal to the one recorded at capture.
  const ref = (path: string, d: { sha256: string; size: number; mime: string }) => ({
    path, sha256: d.sha256, sm3: facts.get(d.sha256)?.digest.sm3, size: d.size, mime: d.mime,
  });
  return {
    format: 'hpf-desk/batch-metadata',
    version: 1,
    batch: {
      id: records.batch.id,
      name: records.batch.name,
      kind: records.batch.kind,
      business: records.batch.business,
      createdAt: records.batch.createdAt,
      pageCount: records.pages.length,
      fileCount: records.sources.length,
    },
    station: records.station,
    operator,
    archival: { 全宗号: records.station.fonds },
    items: records.items.map((item) => {
      const fields = hooks.itemFields?.(item.id) ?? {};
      const archivalKeys = new Set<string>(ARCHIVAL_ELEMENTS);
      return {
        id: item.id,
        business: item.business,
        state: item.state,
        createdAt: item.createdAt,
        archival: Object.fromEntries(Object.entries(fields).filter(([k]) => archivalKeys.has(k))),
        businessFields: Object.fromEntries(Object.entries(fields).filter(([k]) => !archivalKeys.has(k))),
        documentIds: records.documents.filter((d) => d.itemId === item.id).map((d) => d.id),
      };
    }),
    documents: records.documents.map((d) => ({
      id: d.id,
      itemId: d.itemId,
      material: d.material,
      title: d.title,
      createdAt: d.createdAt,
      pageIds: d.pageIds,
    })),
    originals: records.sources.map((s) => ({
      ...ref(layout.originals.get(s.id)!, s),
      id: s.id,
      name: s.name,
      pageCount: s.pageCount,
      importedAt: s.importedAt,
    })),
    pages: records.pages.map((p) => {
      const paths = layout.pages.get(p.id)!;
      const source = sources.get(p.sourceFileId)!;
      const image = p.image!;
      const thumbnail = p.thumbnail!;
      const channels = facts.get(image.sha256)?.image?.channels ?? 0;
      const ocrFile = ocr.get(p.id);
      return {
        id: p.id,
        seq: p.seq,
        documentId: p.documentId,
        source: { originalId: source.id, path: layout.originals.get(source.id)!, pageIndex: p.pageIndex },
        width: p.width,
        height: p.height,
        dpi: p.dpi,
        flags: p.flags,
        image: { ...ref(paths.image, image), width: image.width, height: image.height },
        thumbnail: { ...ref(paths.thumbnail, thumbnail), width: thumbnail.width, height: thumbnail.height },
        ocr: ocrFile ? { path: ocrFile.path, sha256: ocrFile.sha256, sm3: ocrFile.sm3, size: ocrFile.size, mime: 'text/plain' } : null,
        digitization: {
          扫描分辨率: p.dpi === null ? '' : String(Math.round(p.dpi)),
          色彩模式: channels === 0 ? '' : channels <= 2 ? '灰度' : '彩色',
          文件格式: FORMAT_NAME[source.mime] ?? source.mime,
          扫描设备: '',
          扫描人: importedBy.get(source.id) ?? '',
          扫描时间: source.importedAt,
          ...(hooks.pageFields?.(p.id) ?? {}),
        },
        steps: [...image.steps],
      };
    }),
  };
}

/**
 * `audit-log.jsonl`: the batch's events with their chain links, one JSON object a line, as
 * stored (docs/central-contract.md §2.2).
 */
export function auditLogLines(records: BatchRecords): string {
  return records.events.map(eventLine).join('');
}
