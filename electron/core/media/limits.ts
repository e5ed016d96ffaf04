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
