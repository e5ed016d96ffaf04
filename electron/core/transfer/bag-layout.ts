import { safeBagName, seq4 } from './bag-text';
import type { BatchRecords } from './batch-records';
import type { MetadataHooks } from './metadata-hooks';

/** What a file in the bag is, for upload order and the receiving side's records. */
export type BagRole = 'original' | 'image' | 'thumbnail' | 'ocr' | 'metadata' | 'tag';

export interface BagFile {
  readonly path: string;
  readonly role: BagRole;
  readonly sha256: string;
  readonly sha512: string;
  /** SM3 (GB/T 32905); null only in a plan frozen before SM3 was recorded (an upgrade mid-transfer). */
  readonly sm3: string | null;
  readonly size: number;
  readonly mime: string;
}

/** A bag frozen for transfer: every file is a stored object; upload order, commit marker last. */
export interface BagPlan {
  readonly batchId: string;
  readonly baggingDate: string;
  readonly files: readonly BagFile[];
  readonly payloadBytes: number;
  readonly payloadFiles: number;
  /** SHA-256 of the commit marker (tagmanifest-sha256.txt). */
  readonly commitSha256: string;
}

const EXT: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/tiff': 'tif',
  'application/pdf': 'pdf',
};

export const extensionOf = (mime: string): string => EXT[mime] ?? 'bin';

export interface PagePaths {
  readonly image: string;
  readonly thumbnail: string;
  readonly ocr: string;
}

/** Where each captured file goes in the bag's payload. */
export interface BagLayout {
  readonly originals: ReadonlyMap<string, string>;
  readonly pages: ReadonlyMap<string, PagePaths>;
}

export const METADATA_PATHS = {
  json: 'data/metadata/metadata.json',
  xml: 'data/metadata/metadata.xml',
  checks: 'data/metadata/four-checks.json',
  supervision: 'data/metadata/supervision.json',
  auditLog: 'data/metadata/audit-log.jsonl',
  /** The station's whole audit chain since the last acknowledged head (chain-seal.ts). */
  auditChain: 'data/metadata/audit-chain.jsonl',
} as const;

/**
 * Payload names. Originals keep the name they were imported under, after their import order.
 * Pages are named by 档号 + page sequence within the 件 once filing has given the item a 档号
 * (DA/T 31 transfer naming); before that by batch id + page sequence within the batch.
 */
export function bagLayout(records: BatchRecords, hooks: MetadataHooks): BagLayout {
  const originals = new Map(records.sources.map((s, i) => [s.id, `data/originals/${seq4(i + 1)}-${safeBagName(s.name)}`]));
  const itemOfDocument = new Map(records.documents.map((d) => [d.id, d.itemId]));
  const codeOfItem = new Map<string, string>();
  for (const item of records.items) {
    const code = hooks.itemFields?.(item.id)['档号']?.trim();
    if (code) codeOfItem.set(item.id, safeBagName(code));
  }
  const withinItem = new Map<string, number>();
  const pages = new Map<string, PagePaths>();
  for (const p of records.pages) {
    const itemId = itemOfDocument.get(p.documentId) ?? null;
    const code = itemId === null ? undefined : codeOfItem.get(itemId);
    let base: string;
    if (code !== undefined && itemId !== null) {
      const n = (withinItem.get(itemId) ?? 0) + 1;
      withinItem.set(itemId, n);
      base = `${code}-${seq4(n)}`;
    } else {
      base = `${safeBagName(records.batch.id)}-${seq4(p.seq)}`;
    }
    pages.set(p.id, {
      image: `data/images/${base}.${extensionOf(p.image?.mime ?? '')}`,
      thumbnail: `data/thumbnails/${base}.${extensionOf(p.thumbnail?.mime ?? '')}`,
      ocr: `data/ocr/${base}.txt`,
    });
  }
  return { originals, pages };
}
