import { open, stat } from 'node:fs/promises';
import type { FileError } from '../../../shared/contract';
import { BlobStore, type BlobStoreRef, type Staged } from '../files/blob-store';
import { checkFlags } from '../imaging/page-flags';
import { IMPORT_PIPELINE, runPagePipeline, type PipelineOptions } from '../imaging/page-pipeline';
import { decodeRasterPage, countRasterPages, rasterPagePixels, type DecodedPage } from './decode-raster';
import { MAX_FILE_BYTES } from './limits';
import { storePageImages } from './page-output';
import { openPdf } from './rasterize-pdf';
import { sniffType } from './sniff-type';
import { MediaError, type ProcessedFile, type ProcessedPage, type SourceFormat } from './types';

/** What the decoder process lends a task: its heartbeat and the pixel budget all decoders share. */
export interface WorkerHooks {
  /** Called after the copy and after every page, for the time limit. */
  readonly alive: () => void;
  /** Runs `work` once the page's pixels fit in the shared budget, and gives them back after. */
  readonly withPixels: <T>(pixels: number, work: () => Promise<T>) => Promise<T>;
}

/** For a file processed on its own, outside any pool: nothing to wait for, nobody to tell. */
const ALONE: WorkerHooks = { alive: () => {}, withPixels: (_pixels, work) => work() };

/** Check that a path is a non-empty regular file of a supported type; returns its format. */
export async function inspectSource(file: string): Promise<{ format: SourceFormat; size: number }> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    throw fsError(err);
  }
  if (!info.isFile()) throw new MediaError('unreadable', 'not a regular file');
  if (info.size === 0) throw new MediaError('empty_file', 'the file is empty (0 bytes)');
  if (info.size > MAX_FILE_BYTES) {
    throw new MediaError('too_large', `the file is ${info.size} bytes (limit ${MAX_FILE_BYTES})`);
  }
  const head = Buffer.alloc(1024);
  let fh;
  try {
    fh = await open(file, 'r');
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    const sniffed = sniffType(head.subarray(0, bytesRead));
    if (sniffed.format === null) {
      throw new MediaError(
        'unsupported_type',
        `content is ${sniffed.looksLike}, not JPEG, PNG, TIFF or PDF (whatever its name says)`,
      );
    }
    return { format: sniffed.format, size: info.size };
  } catch (err) {
    if (err instanceof MediaError) throw err;
    throw fsError(err);
  } finally {
    await fh?.close();
  }
}

/**
 * A file system failure as a rejection. The rejection already names the file, and
 * Node's own text names paths (the temp copy in the data directory among them): the message
 * keeps only what failed.
 */
export function fsError(err: unknown): MediaError {
  const { code, syscall } = err as NodeJS.ErrnoException;
  if (code === 'ENOENT') return new MediaError('not_found', 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return new MediaError('unreadable', 'permission denied');
  if (code === 'EISDIR') return new MediaError('unreadable', 'is a directory');
  return new MediaError('io_error', `${code ?? 'error'}${syscall ? ` in ${syscall}` : ''}`);
}

/**
 * Take one original into the store: copy and hash it, decode every page, write the normalized
 * page images and thumbnails, and only then commit the original. On any failure the staged copy
 * is discarded, so a rejected file leaves nothing behind in the store.
 */
export async function processFile(
  file: string,
  store: BlobStoreRef,
  pipeline: PipelineOptions = IMPORT_PIPELINE,
  worker: WorkerHooks = ALONE,
): Promise<ProcessedFile> {
  const { format } = await inspectSource(file);
  const blobs = BlobStore.fromRef(store);
  await blobs.ensureDirs();
  let staged: Staged;
  try {
    staged = await blobs.stage(file);
  } catch (err) {
    throw fsError(err);
  }
  try {
    worker.alive();
    const pages = await decodePages(blobs, staged.tmpPath, format, pipeline, worker);
    await blobs.commitStaged(staged);
    return { sha256: staged.sha256, sm3: staged.sm3, size: staged.size, format, pages };
  } catch (err) {
    await blobs.discard(staged);
    throw err;
  }
}

async function decodePages(
  blobs: BlobStore,
  file: string,
  format: SourceFormat,
  pipeline: PipelineOptions,
  worker: WorkerHooks,
): Promise<ProcessedPage[]> {
  const pages: ProcessedPage[] = [];
  const keep = async (index: number, decoded: DecodedPage) => {
    const processed = await runPagePipeline(decoded.raw, pipeline);
    const out = await storePageImages(blobs, processed.raw, decoded.dpi, processed.plan);
    pages.push({
      index,
      width: out.image.width,
      height: out.image.height,
      dpi: decoded.dpi,
      image: out.image,
      thumbnail: out.thumbnail,
      steps: [...decoded.steps, ...processed.steps, ...out.steps],
      analysis: processed.analysis,
      flags: pageFlags(checkFlags(decoded.dpi, processed.analysis, pipeline.ocrWanted), decoded.flags),
    });
    worker.alive();
  };
  // A page holds its pixels in the shared budget from decoding until its images are stored.
  const page = (index: number, pixels: number, decode: () => Promise<DecodedPage>) =>
    worker.withPixels(pixels, async () => keep(index, await decode()));
  if (format === 'pdf') {
    const pdf = await openPdf(file);
    try {
      let contentless = 0;
      for (let i = 0; i < pdf.pageCount; i++) {
        await page(i, await pdf.pagePixels(i), async () => {
          const decoded = await pdf.renderPage(i);
          if (decoded.contentless) contentless++;
          return decoded;
        });
      }
      // pdf.js makes an empty letter-size page of a page tree without page objects; a file of
      // nothing but such pages has nothing to archive.
      if (contentless === pdf.pageCount) throw new MediaError('pdf_empty', 'PDF has no page with any content');
    } finally {
      await pdf.close();
    }
  } else {
    const count = await countRasterPages(file, format);
    for (let i = 0; i < count; i++) {
      await page(i, await rasterPagePixels(file, format, i), () => decodeRasterPage(file, format, i));
    }
  }
  return pages;
}

/**
 * The pipeline's flags with the decoder's on top. A page the decoder could not draw completely
 * looks blank to the pipeline; it must reach the clerk as suspect, never as a blank backside
 * that QC would let drop.
 */
function pageFlags(checked: Record<string, unknown>, decoder: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const flags = { ...checked, ...decoder };
  if (flags.renderSuspect) {
    delete flags.blank;
    delete flags.inkCoverage;
  }
  return flags;
}

export function toFileError(err: unknown): FileError {
  if (err instanceof MediaError) return { code: err.code, message: err.message };
  return { code: 'io_error', message: err instanceof Error ? err.message : String(err) };
}
