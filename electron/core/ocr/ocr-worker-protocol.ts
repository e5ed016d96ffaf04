import type { OcrEngineName, OcrRecognition } from '../../../shared/contract';
import type { OcrOptions } from './engine';

/** Messages between the OCR pool and its worker threads. */
export type OcrWorkerRequest =
  | {
      readonly type: 'recognize';
      readonly id: number;
      readonly engine: OcrEngineName;
      /**
       * The stored page image's bytes (decrypted by the core: workers never hold the store's keys),
       * or a file to read them from (a benchmark's or a test's own image).
       */
      readonly image: Uint8Array | string;
      /** The page's recorded DPI, used when the file does not carry one. */
      readonly dpi: number | null;
      readonly options: OcrOptions;
    }
  | { readonly type: 'cancel'; readonly id: number };

export type OcrWorkerReply =
  | { readonly type: 'done'; readonly id: number; readonly result: OcrRecognition; readonly model: string; readonly seconds: number }
  | { readonly type: 'failed'; readonly id: number; readonly error: string; readonly cancelled: boolean };

/** What a worker needs to build its engines. */
export interface OcrWorkerData {
  /** onnxruntime intra-op threads per engine. */
  readonly threads: number;
}
