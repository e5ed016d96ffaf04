/** What the OCR bench asks of one measuring process, and what it answers. */
export interface BenchRunRequest {
  readonly engine: 'ppocr' | 'tesseract' | 'native';
  /** Pages to read; `key` names the page in the answer. */
  readonly files: ReadonlyArray<{ readonly key: string; readonly path: string }>;
  readonly workers: number;
  /** onnxruntime threads per worker (PP-OCR). */
  readonly threads: number;
  /** The native CLI's language data folder. */
  readonly tessdata?: string;
}

export interface BenchRunReply {
  readonly texts: Readonly<Record<string, string>>;
  readonly wallSeconds: number;
  /** CPU time of the reading process and its threads; null when the work ran in other processes. */
  readonly cpuSeconds: number | null;
  readonly peakRssMB: number;
}

export type BenchRunMessage = { readonly ok: true; readonly reply: BenchRunReply } | { readonly ok: false; readonly error: string };
