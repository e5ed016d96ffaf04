import { z } from 'zod';
import { OcrEngineName, OcrQueueStatus, PageOcr, PageOcrStatus } from './ocr';

const Id = z.string().min(1).max(200);

/** OCR calls (spread into the contract's methods). */
export const ocrMethods = {
  /** The queue: page counts by state, per batch with work requested, counter batches first. */
  'ocr.status': { request: z.object({}), response: OcrQueueStatus },
  /** OCR state of every page of a batch. */
  'ocr.pages': { request: z.object({ batchId: Id }), response: z.array(PageOcrStatus) },
  /** A page's text, lines and words with boxes, and the field values proposed from them; null until read. */
  'ocr.page': { request: z.object({ pageId: Id }), response: PageOcr.nullable() },
  /**
   * Ask for OCR of a batch or of pages. `foreground` puts them before all other work (the page on
   * screen); `revive` re-queues failed and cancelled pages.
   */
  'ocr.enqueue': {
    request: z
      .object({
        batchId: Id.optional(),
        pageIds: z.array(Id).min(1).max(10_000).optional(),
        engine: OcrEngineName.optional(),
        foreground: z.boolean().default(false),
        revive: z.boolean().default(false),
      })
      .refine((r) => (r.batchId === undefined) !== (r.pageIds === undefined), { message: 'give exactly one of batchId, pageIds' }),
    response: z.object({ requested: z.number().int(), queued: z.number().int(), alreadyRead: z.number().int() }),
  },
  /** Cancel queued and running OCR of a batch, or all. */
  'ocr.cancel': { request: z.object({ batchId: Id.optional() }), response: z.object({ cancelled: z.number().int() }) },
  /** The station's engine for new requests. */
  'ocr.setEngine': { request: z.object({ engine: OcrEngineName }), response: OcrQueueStatus },
} as const;

/** OCR push events (spread into CoreEvent). */
export const ocrEvents = [
  /** A page's OCR state changed; `pageId` null: several pages of the batch did. */
  z.object({ type: z.literal('ocr.page'), batchId: z.string(), pageId: z.string().nullable() }),
  /** Page counts of the whole queue after a change. */
  z.object({
    type: z.literal('ocr.progress'),
    queued: z.number().int(),
    running: z.number().int(),
    done: z.number().int(),
    failed: z.number().int(),
    cancelled: z.number().int(),
  }),
] as const;
