import type { OcrEngineName, OcrRecognition } from '../../../shared/contract';

/** A decoded page: 8-bit RGB, row by row, with the resolution it was scanned at when known. */
export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface OcrInput {
  readonly image: RgbImage;
  readonly dpi: number | null;
}

export interface OcrOptions {
  /** Turn skewed pages straight before reading (the pipeline may have done it already). */
  readonly deskew: boolean;
}

/** One OCR engine: models loaded once, pages read one at a time, cancellable between steps. */
export interface OcrEngine {
  readonly name: OcrEngineName;
  /** Engine and model version, stored with every result. */
  readonly model: string;
  recognize(input: OcrInput, options: OcrOptions, signal?: AbortSignal): Promise<OcrRecognition>;
  dispose(): Promise<void>;
}

export class OcrCancelled extends Error {
  override name = 'OcrCancelled';
  constructor() {
    super('OCR cancelled');
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new OcrCancelled();
}
