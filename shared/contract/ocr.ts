import { z } from 'zod';

/** The OCR engines a station can run; both work offline from files installed with the app. */
export const OcrEngineName = z.enum(['ppocr', 'tesseract']);
export type OcrEngineName = z.infer<typeof OcrEngineName>;

/**
 * A text box in page-image pixels: left, top, width, height of the box before it is turned by
 * the recognition's `angle` about its own centre (0 on straight pages).
 */
export const OcrBox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type OcrBox = z.infer<typeof OcrBox>;

export const OcrWord = z.object({
  text: z.string(),
  box: OcrBox,
  /** 0…1 */
  confidence: z.number(),
});
export type OcrWord = z.infer<typeof OcrWord>;

export const OcrLine = z.object({
  text: z.string(),
  box: OcrBox,
  confidence: z.number(),
  words: z.array(OcrWord),
});
export type OcrLine = z.infer<typeof OcrLine>;

/** What an engine read on one page, lines in reading order. */
export const OcrRecognition = z.object({
  /** The page's text in reading order: rows on lines, cells of a row separated by a space. */
  text: z.string(),
  confidence: z.number(),
  /** Degrees the text stands turned on the page (clockwise), as found and corrected before reading. */
  angle: z.number(),
  width: z.number().int(),
  height: z.number().int(),
  lines: z.array(OcrLine),
});
export type OcrRecognition = z.infer<typeof OcrRecognition>;

export const OcrState = z.enum(['none', 'queued', 'running', 'done', 'failed', 'cancelled']);
export type OcrState = z.infer<typeof OcrState>;

/** A field value proposed from the OCR text, with the words it came from. */
export const FieldProposal = z.object({
  field: z.string(),
  value: z.string(),
  /** The value as printed (before normalization), e.g. 贰拾伍万捌仟叁佰柒拾元整. */
  raw: z.string(),
  confidence: z.number(),
  boxes: z.array(OcrBox),
  /** Why the confidence is lowered, e.g. an OCR confusion that was corrected. */
  notes: z.array(z.string()),
});
export type FieldProposal = z.infer<typeof FieldProposal>;

export const PageOcr = OcrRecognition.extend({
  page: z.string(),
  engine: OcrEngineName,
  /** Engine and model version, e.g. `PP-OCRv4 det+rec (onnxruntime 1.30.0)`. */
  model: z.string(),
  createdAt: z.string(),
  seconds: z.number(),
  proposals: z.array(FieldProposal),
});
export type PageOcr = z.infer<typeof PageOcr>;

export const PageOcrStatus = z.object({
  page: z.string(),
  state: OcrState,
  engine: OcrEngineName.nullable(),
  error: z.string().nullable(),
});
export type PageOcrStatus = z.infer<typeof PageOcrStatus>;

export const OcrQueueStatus = z.object({
  queued: z.number().int(),
  running: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  /** Batches with work left, counter batches first. */
  batches: z.array(
    z.object({
      batchId: z.string(),
      name: z.string(),
      kind: z.enum(['counter', 'backfile']),
      queued: z.number().int(),
      running: z.number().int(),
      done: z.number().int(),
      failed: z.number().int(),
      total: z.number().int(),
    }),
  ),
  workers: z.number().int(),
  defaultEngine: OcrEngineName,
});
export type OcrQueueStatus = z.infer<typeof OcrQueueStatus>;
