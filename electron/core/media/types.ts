import type { BlobStoreRef } from '../files/blob-store';
import type { FileError, ImportErrorCode, PageStep } from '../../../shared/contract';
import type { PageAnalysis, PipelineOptions } from '../imaging/page-pipeline';

export type SourceFormat = 'jpeg' | 'png' | 'tiff' | 'pdf';

export const MIME: Readonly<Record<SourceFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  pdf: 'application/pdf',
};

export interface StoredImage {
  readonly sha256: string;
  readonly sm3: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly mime: string;
}

export interface ProcessedPage {
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly dpi: number | null;
  readonly image: StoredImage;
  readonly thumbnail: StoredImage;
  readonly steps: readonly PageStep[];
  /** Fingerprints for the duplicate check at commit time. */
  readonly analysis: PageAnalysis;
  /** Flags the pipeline's checks raised (blank, resolution); duplicates are added at commit. */
  readonly flags: Readonly<Record<string, unknown>>;
}

export interface ProcessedFile {
  readonly sha256: string;
  readonly sm3: string;
  readonly size: number;
  readonly format: SourceFormat;
  readonly pages: readonly ProcessedPage[];
}

export type MediaTask =
  | { readonly kind: 'hash'; readonly path: string }
  | { readonly kind: 'process'; readonly path: string; readonly store: BlobStoreRef; readonly pipeline?: PipelineOptions };

export type MediaTaskResult =
  | { readonly ok: true; readonly kind: 'hash'; readonly sha256: string; readonly size: number }
  | { readonly ok: true; readonly kind: 'process'; readonly file: ProcessedFile }
  | { readonly ok: false; readonly error: FileError };

/** What the core sends a decoder process: a task, or the pixels it asked for for a page of it. */
export type MediaRequest = { readonly id: number; readonly task: MediaTask } | { readonly id: number; readonly pixelsGranted: true };

/**
 * A decoder process's message: the answer to a task, a heartbeat between its steps, or the pixel
 * budget taken for a page (in whole megapixels: pixel-budget.ts) and given back after it.
 */
export type MediaReply =
  | { readonly id: number; readonly result: MediaTaskResult }
  | { readonly id: number; readonly alive: true }
  | { readonly id: number; readonly wantPixels: number }
  | { readonly id: number; readonly pixelsDone: true };

/** A rejection of one input file with a code the UI translates and a message for the record. */
export class MediaError extends Error {
  constructor(readonly code: ImportErrorCode, message: string) {
    super(message);
    this.name = 'MediaError';
  }
}
