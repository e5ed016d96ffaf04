import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import type { PageStep } from '../../../shared/contract';
import { MAX_PDF_PAGES, MAX_PIXELS, PDF_RENDER_DPI } from './limits';
import type { DecodedPage } from './decode-raster';
import { flattenOnPaper } from './flatten-on-paper';
import { catchPdfWarnings, type PdfWarnings } from './pdf-warnings';
import { MediaError } from './types';
import { loadCanvas } from '../util/load-on-use';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

let pdfjsLoading: Promise<PdfJs> | undefined;
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href;
    return pdfjs;
  });
  return pdfjsLoading;
}

/** An opened PDF whose pages are rasterized one at a time (memory stays one page deep). */
export interface OpenedPdf {
  readonly pageCount: number;
  /** Pixels the page will be rendered with (known before rendering, for the pixel budget). */
  pagePixels(index: number): Promise<number>;
  renderPage(index: number): Promise<DecodedPage>;
  close(): Promise<void>;
}

export async function openPdf(file: string): Promise<OpenedPdf> {
  const pdfjs = await loadPdfJs();
  const data = new Uint8Array(await readFile(file));
  const warnings = catchPdfWarnings();
  let doc: PdfDocument;
  try {
    doc = await pdfjs.getDocument({
      data,
      isEvalSupported: false,
      useSystemFonts: false,
      // Character maps and the standard fonts ship inside pdfjs-dist: no network, correct CJK.
      cMapUrl: path.join(pdfjsRoot, 'cmaps') + path.sep,
      cMapPacked: true,
      standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + path.sep,
      // In Node pdf.js finds its JPEG 2000, JBIG2 and colour-profile decoders only when told where
      // they are; without them such images are skipped and the page comes out blank.
      wasmUrl: path.join(pdfjsRoot, 'wasm') + path.sep,
      iccUrl: path.join(pdfjsRoot, 'iccs') + path.sep,
      // The pixel rule holds inside a PDF too: a small page may embed a 30 000² image.
      maxImageSize: MAX_PIXELS,
      canvasMaxAreaInBytes: MAX_PIXELS * 4,
      stopAtErrors: false,
      // Warnings are caught, per file, to learn what pdf.js left out of a page.
      verbosity: pdfjs.VerbosityLevel.WARNINGS,
    }).promise;
  } catch (err) {
    warnings.stop();
    const name = (err as { name?: string }).name;
    const message = err instanceof Error ? err.message : String(err);
    if (name === 'PasswordException') {
      throw new MediaError('pdf_encrypted', `PDF is password-protected: ${message}`);
    }
    throw new MediaError('pdf_corrupt', `PDF cannot be read: ${message}`);
  }
  const close = async () => {
    try {
      await doc.destroy();
    } finally {
      warnings.stop();
    }
  };
  if (doc.numPages < 1) {
    await close();
    throw new MediaError('pdf_empty', 'PDF has no pages');
  }
  if (doc.numPages > MAX_PDF_PAGES) {
    await close();
    throw new MediaError('too_large', `PDF has ${doc.numPages} pages (limit ${MAX_PDF_PAGES})`);
  }
  return {
    pageCount: doc.numPages,
    pagePixels: (index) => pagePixels(doc, index),
    renderPage: (index) => renderPage(pdfjs, doc, index, warnings),
    close,
  };
}

/** Below this share of the page painted, a page that draws images has lost them. */
const NOTHING_PAINTED = 0.02;
/** Warnings pdf.js gives when it leaves an image out of the page. */
const IMAGE_TOO_LARGE = /exceeded maximum allowed size/i;
const IMAGE_UNREADABLE = /unable to decode (inline )?image|dependent image isn't ready/i;

/** Pixels of a page of this size in points rendered at `dpi` (the canvas rounds each side up). */
const rasterPixels = (widthPt: number, heightPt: number, dpi: number): number =>
  Math.ceil((widthPt * dpi) / 72) * Math.ceil((heightPt * dpi) / 72);

/**
 * The resolution a page is rendered at: DA/T 31's 300 dpi, or for an oversize page (an A0
 * drawing, a poster) the highest whole dpi whose raster stays within the pixel limit, as a
 * scanner operator would scan it.
 */
export function renderDpi(widthPt: number, heightPt: number): number {
  let dpi = Math.min(PDF_RENDER_DPI, Math.floor(72 * Math.sqrt(MAX_PIXELS / (widthPt * heightPt))));
  while (dpi > 1 && rasterPixels(widthPt, heightPt, dpi) > MAX_PIXELS) dpi--;
  return dpi;
}

async function pagePixels(doc: PdfDocument, index: number): Promise<number> {
  let page;
  try {
    page = await doc.getPage(index + 1);
  } catch (err) {
    throw new MediaError('pdf_corrupt', `PDF page ${index + 1} cannot be read: ${(err as Error).message}`);
  }
  const { width, height } = page.getViewport({ scale: 1 });
  return rasterPixels(width, height, renderDpi(width, height));
}

async function renderPage(pdfjs: PdfJs, doc: PdfDocument, index: number, warnings: PdfWarnings): Promise<DecodedPage> {
  const n = index + 1;
  let page;
  try {
    page = await doc.getPage(n);
  } catch (err) {
    throw new MediaError('pdf_corrupt', `PDF page ${n} cannot be read: ${(err as Error).message}`);
  }
  try {
    const natural = page.getViewport({ scale: 1 });
    if (!(natural.width >= 1 && natural.height >= 1)) {
      throw new MediaError('pdf_corrupt', `PDF page ${n} has no usable size`);
    }
    const dpi = renderDpi(natural.width, natural.height);
    const viewport = page.getViewport({ scale: dpi / 72 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    // Transparent, not white: what stays unpainted tells a lost image from white paper.
    const canvas = (await loadCanvas()).createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    warnings.take();
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: ctx as unknown as Parameters<typeof page.render>[0]['canvasContext'],
      viewport,
      // Otherwise pdf.js fills the page white before drawing.
      background: 'rgba(0,0,0,0)',
    }).promise;
    const skipped = warnings.take();
    if (skipped.some((w) => IMAGE_TOO_LARGE.test(w))) {
      throw new MediaError('too_many_pixels', `PDF page ${n} holds an image of more than ${MAX_PIXELS / 1e6} megapixels`);
    }
    const pixels = ctx.getImageData(0, 0, width, height).data;
    // The canvas's own copy of the page (up to 480 MB) is let go now, before the page pipeline
    // makes its copies, not whenever the garbage collector gets to it.
    canvas.width = 1;
    canvas.height = 1;
    const painted = flattenOnPaper(pixels);
    const flags: Record<string, unknown> = {};
    // The page keeps its true dpi; the flag says why it is below what DA/T 31 asks for.
    if (dpi < PDF_RENDER_DPI) flags.reducedResolution = true;
    // Never pass a page whose images were lost off as a blank backside.
    const drawn = painted < NOTHING_PAINTED ? await whatIsDrawn(pdfjs, page) : { nothing: false, images: false };
    if (skipped.some((w) => IMAGE_UNREADABLE.test(w)) || drawn.images) flags.renderSuspect = true;
    const steps: PageStep[] = [
      { op: 'decode', format: 'pdf' },
      { op: 'rasterize', dpi },
    ];
    return {
      raw: { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height, channels: 4 },
      dpi,
      steps,
      flags,
      contentless: drawn.nothing,
    };
  } catch (err) {
    if (err instanceof MediaError) throw err;
    throw new MediaError('pdf_corrupt', `PDF page ${n} cannot be rendered: ${(err as Error).message}`);
  } finally {
    page.cleanup();
  }
}

type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/**
 * Asked only of pages that came out (almost) unpainted: does the page draw any image (then it
 * lost it), and does it draw anything at all (a page tree entry that is no page object gets a
 * letter-size page with no content from pdf.js).
 */
async function whatIsDrawn(pdfjs: PdfJs, page: PdfPage): Promise<{ nothing: boolean; images: boolean }> {
  const { OPS } = pdfjs;
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintImageXObjectRepeat,
    OPS.paintInlineImageXObject,
    OPS.paintInlineImageXObjectGroup,
    OPS.paintImageMaskXObject,
    OPS.paintImageMaskXObjectGroup,
    OPS.paintImageMaskXObjectRepeat,
    OPS.paintSolidColorImageMask,
  ]);
  const { fnArray } = await page.getOperatorList();
  return { nothing: fnArray.length === 0, images: fnArray.some((fn) => imageOps.has(fn)) };
}
