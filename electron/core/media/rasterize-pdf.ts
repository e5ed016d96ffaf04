import { createCanvas } from '@napi-rs/canvas';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFile } from 'node:fs/promises';
import type { PageStep } from '../../../shared/contract';
import { MAX_PDF_PAGES, MAX_PIXELS, PDF_RENDER_DPI } from './limits';
import type { DecodedPage } from './decode-raster';
import { MediaError } from './types';

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
  renderPage(index: number): Promise<DecodedPage>;
  close(): Promise<void>;
}

export async function openPdf(file: string): Promise<OpenedPdf> {
  const pdfjs = await loadPdfJs();
  const data = new Uint8Array(await readFile(file));
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
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    const message = err instanceof Error ? err.message : String(err);
    if (name === 'PasswordException') {
      throw new MediaError('pdf_encrypted', `PDF is password-protected: ${message}`);
    }
    throw new MediaError('pdf_corrupt', `PDF cannot be read: ${message}`);
  }
  if (doc.numPages < 1) {
    await doc.destroy();
    throw new MediaError('pdf_empty', 'PDF has no pages');
  }
  if (doc.numPages > MAX_PDF_PAGES) {
    await doc.destroy();
    throw new MediaError('too_large', `PDF has ${doc.numPages} pages (limit ${MAX_PDF_PAGES})`);
  }
  return {
    pageCount: doc.numPages,
    renderPage: (index) => renderPage(doc, index),
    close: () => doc.destroy(),
  };
}

async function renderPage(doc: PdfDocument, index: number): Promise<DecodedPage> {
  let page;
  try {
    page = await doc.getPage(index + 1);
  } catch (err) {
    throw new MediaError('pdf_corrupt', `PDF page ${index + 1} cannot be read: ${(err as Error).message}`);
  }
  try {
    const viewport = page.getViewport({ scale: PDF_RENDER_DPI / 72 });
    const width = Math.ceil(viewport.width);
    const height = Math.ceil(viewport.height);
    if (width * height > MAX_PIXELS || width < 1 || height < 1) {
      throw new MediaError('too_many_pixels', `PDF page ${index + 1} is ${width}×${height} px at ${PDF_RENDER_DPI} dpi`);
    }
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: ctx as unknown as Parameters<typeof page.render>[0]['canvasContext'],
      viewport,
    }).promise;
    const pixels = ctx.getImageData(0, 0, width, height).data;
    const steps: PageStep[] = [
      { op: 'decode', format: 'pdf' },
      { op: 'rasterize', dpi: PDF_RENDER_DPI },
    ];
    return {
      raw: { data: Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height, channels: 4 },
      dpi: PDF_RENDER_DPI,
      steps,
    };
  } catch (err) {
    if (err instanceof MediaError) throw err;
    throw new MediaError('pdf_corrupt', `PDF page ${index + 1} cannot be rendered: ${(err as Error).message}`);
  } finally {
    page.cleanup();
  }
}
