import { z } from 'zod';

/** Content address of a stored file: lowercase hex SHA-256. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const BatchKind = z.enum(['counter', 'backfile']);
export type BatchKind = z.infer<typeof BatchKind>;

export const Batch = z.object({
  id: z.string(),
  name: z.string(),
  kind: BatchKind,
  business: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  createdAt: z.string(),
  pageCount: z.number().int(),
  fileCount: z.number().int(),
  rejectedCount: z.number().int(),
});
export type Batch = z.infer<typeof Batch>;

/** Colour mode of a stored page: what a scan profile asks for and what the pipeline recorded. */
export const ColourMode = z.enum(['color', 'gray', 'bw']);
export type ColourMode = z.infer<typeof ColourMode>;

/** Processing steps recorded from the original to a derivative (non-destructive edit list). */
export const PageStep = z.discriminatedUnion('op', [
  z.object({ op: z.literal('decode'), format: z.string() }),
  z.object({ op: z.literal('rasterize'), dpi: z.number() }),
  z.object({ op: z.literal('orient-exif'), orientation: z.number().int() }),
  // Pipeline steps say whether they changed pixels (`applied: false`: checked, nothing to do);
  // deskew's angle is the measured clockwise skew, straightened by turning back by it.
  z.object({
    op: z.literal('rotate'),
    degrees: z.number(),
    reason: z.literal('orientation').optional(),
    confidence: z.number().optional(),
  }),
  z.object({ op: z.literal('deskew'), angle: z.number(), applied: z.boolean().optional() }),
  z.object({
    op: z.literal('crop'),
    box: z.tuple([z.number(), z.number(), z.number(), z.number()]),
    applied: z.boolean().optional(),
  }),
  z.object({ op: z.literal('colour'), mode: ColourMode, reason: z.enum(['as-captured', 'profile', 'red-seal']) }),
  z.object({ op: z.literal('flatten'), background: z.string() }),
  // A decoded page in another colour space or bit depth (Lab, CMYK, 16-bit) made 8-bit grey or sRGB.
  z.object({ op: z.literal('colourspace'), from: z.string(), to: z.string() }),
  z.object({ op: z.literal('encode'), format: z.string(), quality: z.number().optional() }),
  z.object({ op: z.literal('resize'), width: z.number().int() }),
]);
export type PageStep = z.infer<typeof PageStep>;

export const PageSource = z.object({
  file: z.string(),
  sha256: Sha256,
  pageIndex: z.number().int(),
});

/**
 * Where a page stands in filing, for the thumbnails and the page-edit keys: its item (numbered
 * in the batch by when it was started), its material, and once filed the 档号 and its 件号.
 */
export const PageFiling = z.object({
  itemId: z.string(),
  /** The item's place among the batch's items (1 = started first). */
  itemSeq: z.number().int().min(1),
  material: z.string().nullable(),
  filed: z.boolean(),
  archivalCode: z.string().nullable(),
  /** The 件号 of the 档号 (its running number), once filed. */
  itemNumber: z.number().int().nullable(),
});
export type PageFiling = z.infer<typeof PageFiling>;

export const PageSummary = z.object({
  id: z.string(),
  batchId: z.string(),
  documentId: z.string(),
  seq: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number().nullable(),
  thumbSha256: Sha256,
  imageSha256: Sha256,
  source: PageSource,
  flags: z.record(z.string(), z.unknown()),
  /** Null while the page is in no item (loose). */
  filing: PageFiling.nullable(),
});
export type PageSummary = z.infer<typeof PageSummary>;

export const PageDetail = PageSummary.extend({
  steps: z.array(PageStep),
  sourceMime: z.string(),
  createdAt: z.string(),
});
export type PageDetail = z.infer<typeof PageDetail>;

export const ImportErrorCode = z.enum([
  'empty_file',
  'unsupported_type',
  'corrupt_image',
  /** A valid file in a variant no decoder here reads (a TIFF compression, a bit depth). */
  'unsupported_variant',
  'truncated',
  'pdf_encrypted',
  'pdf_corrupt',
  'pdf_empty',
  'too_many_pixels',
  'too_large',
  /** Decoding went past the time limit (an endless operator list, a decoder stuck). */
  'timed_out',
  /** The decoder died on this file (a native fault, out of memory); the rest of the import goes on. */
  'decoder_failed',
  'unreadable',
  'not_found',
  'io_error',
]);
export type ImportErrorCode = z.infer<typeof ImportErrorCode>;

export const FileError = z.object({ code: ImportErrorCode, message: z.string() });
export type FileError = z.infer<typeof FileError>;

/** A file an import refused, and why. */
export const RejectedFile = z.object({ file: z.string(), error: FileError });

export const ImportResult = z.object({
  batch: z.string(),
  imported: z.array(
    z.object({ file: z.string(), sha256: Sha256, pages: z.number().int(), documentId: z.string() }),
  ),
  duplicates: z.array(z.object({ file: z.string(), sha256: Sha256, existing: z.string() })),
  rejected: z.array(RejectedFile),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** A refused file as the batch keeps it. */
export const Rejection = RejectedFile.extend({
  id: z.number().int(),
  batchId: z.string(),
  at: z.string(),
});
export type Rejection = z.infer<typeof Rejection>;

export const VerifyReport = z.object({
  ok: z.boolean(),
  checked: z.object({ files: z.number().int(), rows: z.number().int(), events: z.number().int() }),
  problems: z.array(z.object({ kind: z.string(), subject: z.string(), message: z.string() })),
});
export type VerifyReport = z.infer<typeof VerifyReport>;

export const StationInfo = z.object({
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  station: z.object({ id: z.string(), name: z.string(), fonds: z.string() }),
  appVersion: z.string(),
});
export type StationInfo = z.infer<typeof StationInfo>;
