import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PDFFont, PDFPage } from 'pdf-lib';
import type { OcrRecognition } from '../../../shared/contract';
import { uprightRows } from '../../../shared/ocr/reading-order';
import { loadFontkit, loadPdfLib } from '../util/load-on-use';

type PdfLib = Awaited<ReturnType<typeof loadPdfLib>>;

const FONT_FILE = 'NotoSansSC-Regular-subset.ttf';

/**
 * The text layer's font (resources/fonts, see scripts/make-pdf-font.py): beside the built core
 * (dist/core → resources), beside these sources in development and tests, or in the packaged
 * app's resources folder.
 */
export function pdfFontPath(): string {
  const electronResources = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = [
    process.env.HPF_DESK_PDF_FONT,
    fileURLToPath(new URL(`../../resources/fonts/${FONT_FILE}`, import.meta.url)),
    fileURLToPath(new URL(`../../../resources/fonts/${FONT_FILE}`, import.meta.url)),
    electronResources ? path.join(electronResources, 'fonts', FONT_FILE) : undefined,
  ];
  const found = candidates.find((c): c is string => c !== undefined && existsSync(c));
  if (!found) throw new Error(`PDF font ${FONT_FILE} not found (looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

export interface PdfPageInput {
  /** The page image as stored (JPEG or PNG bytes). */
  readonly image: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly dpi: number | null;
  /** The page's OCR; without it the page is image only. */
  readonly ocr: OcrRecognition | null;
}

export interface PdfProperties {
  readonly title: string;
  readonly subject?: string;
  readonly keywords?: readonly string[];
  readonly author?: string;
  /** 档号, also written as a custom document property. */
  readonly archivalCode?: string | null;
  readonly created: Date;
  readonly producer: string;
}

/**
 * A searchable PDF: each page image at its scanned size, with the OCR text laid over it
 * invisibly (rendering mode 3), one text run per OCR line, squeezed to the line's box so
 * selection and search land on the words. Rows are written in reading order and a line's
 * characters are spaced evenly, so text extraction keeps the order and puts no spaces between 汉字.
 */
export async function buildSearchablePdf(pages: readonly PdfPageInput[], props: PdfProperties): Promise<Uint8Array> {
  const lib = await loadPdfLib();
  const { PDFDict, PDFHexString, PDFName } = lib;
  const doc = await lib.PDFDocument.create();
  doc.registerFontkit(await loadFontkit());
  const needsFont = pages.some((p) => p.ocr && p.ocr.lines.length > 0);
  const font = needsFont ? await doc.embedFont(await readFile(pdfFontPath()), { subset: true }) : null;
  for (const input of pages) {
    const dpi = input.dpi ?? assumedDpi(input.width, input.height);
    const scale = 72 / dpi;
    const page = doc.addPage([input.width * scale, input.height * scale]);
    const image = isPng(input.image) ? await doc.embedPng(input.image) : await doc.embedJpg(input.image);
    page.drawImage(image, { x: 0, y: 0, width: input.width * scale, height: input.height * scale });
    if (font && input.ocr) addTextLayer(lib, page, font, input.ocr, scale);
  }
  doc.setTitle(props.title, { showInWindowTitleBar: true });
  if (props.subject) doc.setSubject(props.subject);
  if (props.keywords?.length) doc.setKeywords([...props.keywords]);
  if (props.author) doc.setAuthor(props.author);
  doc.setCreator('HPF Archive Desk 公积金档案工作站');
  doc.setProducer(props.producer);
  doc.setCreationDate(props.created);
  doc.setModificationDate(props.created);
  doc.setLanguage('zh-CN');
  if (props.archivalCode) {
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    info.set(PDFName.of('ArchivalCode'), PDFHexString.fromText(props.archivalCode));
  }
  return doc.save({ useObjectStreams: true });
}

/** Height of the glyphs in a line box: detection boxes run a little above and below the ink. */
const GLYPH_HEIGHT_OF_BOX = 0.72;
const BASELINE_ABOVE_BOTTOM = 0.22;

/**
 * The cells of a row share one baseline and size, and each cell's last character is widened to
 * reach just short of the next cell: text extraction (pdftotext, viewers) then sees one line with
 * a word break between cells and reads it left to right, in the OCR's order, instead of cutting
 * the row into blocks it orders as it likes. (Spaces cannot bridge the gap: extractors drop
 * them and measure the distance.) The other characters stay where the image shows them.
 */
function addTextLayer(lib: PdfLib, page: PDFPage, font: PDFFont, ocr: OcrRecognition, scale: number): void {
  const { beginText, endText, popGraphicsState, pushGraphicsState, setCharacterSqueeze, setFontAndSize, setTextMatrix, setTextRenderingMode, showText, TextRenderingMode } = lib;
  const fontKey = page.node.newFontDictionary(font.name, font.ref);
  const pageHeight = page.getHeight();
  const phi = (ocr.angle * Math.PI) / 180;
  // Straightened page → stored page (image pixels, y down), then PDF points (y up).
  const toPdf = (x: number, y: number): [number, number] => {
    const dx = x - ocr.width / 2;
    const dy = y - ocr.height / 2;
    const px = ocr.width / 2 + dx * Math.cos(phi) - dy * Math.sin(phi);
    const py = ocr.height / 2 + dx * Math.sin(phi) + dy * Math.cos(phi);
    return [px * scale, pageHeight - py * scale];
  };
  // The page's clockwise skew is a counter-clockwise turn in PDF space.
  const cos = Math.cos(-phi);
  const sin = Math.sin(-phi);
  const ops = [pushGraphicsState(), beginText(), setTextRenderingMode(TextRenderingMode.Invisible)];
  /** Show `text` from x (image pixels) on the baseline, squeezed or stretched to `width` pixels. */
  const show = (text: string, x: number, baseline: number, width: number, size: number) => {
    const natural = font.widthOfTextAtSize(text, size);
    if (natural <= 0 || width <= 0) return;
    const [px, py] = toPdf(x, baseline);
    ops.push(
      setFontAndSize(fontKey, size),
      setCharacterSqueeze((100 * width * scale) / natural),
      setTextMatrix(cos, sin, -sin, cos, px, py),
      showText(font.encodeText(text)),
    );
  };
  for (const row of uprightRows(ocr)) {
    const cells = row.filter(({ line }) => line.text.trim() !== '');
    if (cells.length === 0) continue;
    const baseline = median(cells.map(({ box }) => box[1] + box[3] * (1 - BASELINE_ABOVE_BOTTOM)));
    const size = Math.max(1, median(cells.map(({ box }) => box[3])) * GLYPH_HEIGHT_OF_BOX * scale);
    cells.forEach(({ line, box }, i) => {
      const [x, , w] = box;
      const next = cells[i + 1];
      const chars = Array.from(line.text);
      const last = chars.pop()!;
      if (!next || chars.length === 0) return show(line.text, x, baseline, w, size);
      const squeeze = w / font.widthOfTextAtSize(line.text, size);
      const bodyWidth = font.widthOfTextAtSize(chars.join(''), size) * squeeze;
      const lastWidth = w - bodyWidth;
      // Short of the next cell by a word break (more than 0.1, less than 0.3 font sizes).
      const reach = next.box[0] - WORD_BREAK_OF_SIZE * (size / scale) - (x + bodyWidth);
      show(chars.join(''), x, baseline, bodyWidth, size);
      show(last, x + bodyWidth, baseline, Math.max(lastWidth, reach), size);
    });
  }
  ops.push(endText(), popGraphicsState());
  page.pushOperators(...ops);
}

const WORD_BREAK_OF_SIZE = 0.2;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

/** A page without a recorded resolution (a camera shot) is sized as an A4 page. */
const assumedDpi = (width: number, height: number): number => Math.max(width, height) / 11.69;

const isPng = (bytes: Uint8Array): boolean => bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
