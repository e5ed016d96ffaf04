/**
 * Limits that keep hostile or broken input from exhausting the station. An A3 page at 600 dpi is
 * ~70 megapixels, so 120 MP admits every real scan while refusing decompression bombs.
 */
export const MAX_PIXELS = 120_000_000;
export const MAX_FILE_BYTES = 2 * 1024 ** 3;
export const MAX_PDF_PAGES = 2000;
/** PDF pages are rasterized at the resolution DA/T 31 asks for where OCR is wanted. */
export const PDF_RENDER_DPI = 300;
export const THUMBNAIL_WIDTH = 320;
export const IMAGE_QUALITY = 90;
export const THUMBNAIL_QUALITY = 72;
/**
 * Time limit for one step of a media task: hashing a file, or one page of it decoded, processed
 * and stored. A 120-megapixel page takes well under a minute on a 2-core station; a PDF whose
 * operator list never ends, or a decoder stuck in a loop, is stopped here.
 */
export const MEDIA_STEP_TIME_LIMIT_MS = 120_000;
/**
 * Heap of one media worker thread (V8's old generation). Pixel buffers live outside it and are
 * bounded by MAX_PIXELS; this caps what a hostile file can make the JavaScript decoders (pdf.js)
 * allocate, so that file fails alone instead of the core running out of memory.
 */
export const MEDIA_WORKER_HEAP_MB = 768;
