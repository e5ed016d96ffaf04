import sharp from 'sharp';
import { ObjectDamaged } from '../files/object-cipher';
import type { BlobStore } from '../files/blob-store';
import { digestFile, digestStream, type FileDigest } from '../files/digest-file';
import { sniffType } from '../media/sniff-type';
import { MIME } from '../media/types';
import { loadPdfLib } from '../util/load-on-use';
import { mapLimit } from '../util/map-limit';
import type { BatchRecords } from './batch-records';

/** What a stored object really is, read from its bytes now (not from what the rows say). */
export interface ObjectFacts {
  readonly digest: FileDigest;
  /** The MIME type its signature shows, or null for an unknown format. */
  readonly sniffedMime: string | null;
  /** Image header facts (derivatives and image originals). */
  readonly image: { readonly width: number; readonly height: number; readonly channels: number } | null;
  readonly pdfEncrypted: boolean;
}

/** Facts by SHA-256; null when the object is missing from the store. */
export type FactsBySha = ReadonlyMap<string, ObjectFacts | null>;

async function factsOf(blobs: BlobStore, sha256: string, recordedMime: string): Promise<ObjectFacts | null> {
  let digest: FileDigest;
  try {
    digest = await digestStream(blobs.chunks(sha256));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (!(err instanceof ObjectDamaged)) throw err;
    // Damaged at rest: no content can be trusted, so the facts are those of the stored bytes,
    // which match nothing recorded at capture (the checks then say the content changed).
    return { digest: await digestFile(blobs.pathOf(sha256)), sniffedMime: null, image: null, pdfEncrypted: false };
  }
  const sniffed = sniffType(digest.head);
  const sniffedMime = sniffed.format === null ? null : MIME[sniffed.format];
  let image: ObjectFacts['image'] = null;
  if (sniffedMime !== null && sniffedMime !== MIME.pdf) {
    try {
      const meta = await sharp(await blobs.read(sha256)).metadata();
      image = { width: meta.width ?? 0, height: meta.height ?? 0, channels: meta.channels ?? 0 };
    } catch {
      image = null;
    }
  }
  let pdfEncrypted = false;
  if (sniffedMime === MIME.pdf || recordedMime === MIME.pdf) {
    try {
      const doc = await (await loadPdfLib()).PDFDocument.load(await blobs.read(sha256), { ignoreEncryption: true, updateMetadata: false });
      pdfEncrypted = doc.isEncrypted;
    } catch {
      // An unreadable PDF shows up as a format problem; only a readable one can be judged here.
    }
  }
  return { digest, sniffedMime, image, pdfEncrypted };
}

/** Every object a batch's rows point to, each read once (content may repeat across pages). */
export function recordedObjects(records: BatchRecords): Map<string, string> {
  const mimes = new Map<string, string>();
  for (const s of records.sources) mimes.set(s.sha256, s.mime);
  for (const p of records.pages) {
    if (p.image) mimes.set(p.image.sha256, p.image.mime);
    if (p.thumbnail) mimes.set(p.thumbnail.sha256, p.thumbnail.mime);
  }
  return mimes;
}

export async function gatherFacts(blobs: BlobStore, records: BatchRecords, concurrency = 4): Promise<FactsBySha> {
  const entries = [...recordedObjects(records)];
  const facts = await mapLimit(entries, concurrency, ([sha256, mime]) => factsOf(blobs, sha256, mime));
  return new Map(entries.map(([sha256], i) => [sha256, facts[i]!]));
}
