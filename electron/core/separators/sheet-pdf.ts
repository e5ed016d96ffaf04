import type { Color, PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { linearPayload, qrPayload, type SheetInfo } from '../../../shared/filing/sheet-key';
import { loadPdfLib } from '../util/load-on-use';
import { zxingWriter } from './zxing-module';

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
/** QR side and Code 128 bar width: large enough to read at 200 dpi after a skewed feed. */
const QR_SIDE = 55 * MM;
const BAR_MODULE = 0.42 * MM;
const BAR_HEIGHT = 18 * MM;

/** A printed sheet: its barcodes' content plus lines for people (Chinese). */
export interface SheetToPrint extends SheetInfo {
  readonly lines: readonly string[];
}

type Symbol = { data: Uint8ClampedArray; width: number; height: number };

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Chinese text as an image: the PDF's standard fonts have no CJK glyphs, and embedding a CJK
 * font per sheet would make every separator megabytes. sharp renders with the system's fonts.
 */
async function textImage(lines: readonly string[], sizePx: number, widthPx: number): Promise<Buffer> {
  const lineHeight = Math.round(sizePx * 1.45);
  const height = lineHeight * lines.length + Math.round(sizePx * 0.5);
  const text = lines
    .map((l, i) => `<text x="0" y="${(i + 1) * lineHeight - Math.round(sizePx * 0.3)}" font-size="${sizePx}" font-family="Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, PingFang SC, sans-serif">${escapeXml(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${height}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

function drawModules(page: PDFPage, symbol: Symbol, x: number, top: number, module: number, black: Color): void {
  for (let row = 0; row < symbol.height; row++) {
    let col = 0;
    while (col < symbol.width) {
      if (symbol.data[row * symbol.width + col]! >= 128) {
        col++;
        continue;
      }
      const start = col;
      while (col < symbol.width && symbol.data[row * symbol.width + col]! < 128) col++;
      page.drawRectangle({ x: x + start * module, y: top - (row + 1) * module, width: (col - start) * module, height: module, color: black });
    }
  }
}

/** Code 128 bars from the symbol's first row, drawn full height. */
function drawBars(page: PDFPage, symbol: Symbol, x: number, top: number, black: Color): void {
  let col = 0;
  while (col < symbol.width) {
    if (symbol.data[col]! >= 128) {
      col++;
      continue;
    }
    const start = col;
    while (col < symbol.width && symbol.data[col]! < 128) col++;
    page.drawRectangle({ x: x + start * BAR_MODULE, y: top - BAR_HEIGHT, width: (col - start) * BAR_MODULE, height: BAR_HEIGHT, color: black });
  }
}

/**
 * Printable separator / cover sheets, one A4 page each: a QR code with the key and fields, a
 * Code 128 with the key, the key in large type and the fields for people. Barcodes are vector
 * rectangles, so they stay sharp at any printer resolution.
 */
export async function sheetsPdf(sheets: readonly SheetToPrint[]): Promise<Uint8Array> {
  const { writeBarcode } = await zxingWriter();
  const { PDFDocument, rgb, StandardFonts } = await loadPdfLib();
  const black = rgb(0, 0, 0);
  const pdf = await PDFDocument.create();
  pdf.setTitle('分隔页 / separator sheets');
  pdf.setCreator('HPF Archive Desk');
  const font = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (const sheet of sheets) {
    const page = pdf.addPage([A4.width, A4.height]);
    const qr = await writeBarcode(qrPayload(sheet), { format: 'QRCode', ecLevel: 'M', scale: 1 });
    const bar = await writeBarcode(linearPayload(sheet.key), { format: 'Code128', scale: 1 });
    if (qr.error || bar.error) throw new Error(`barcode: ${qr.error || bar.error}`);
    const title = sheet.kind === 'cover' ? '件封面  ITEM COVER' : '分隔页  SEPARATOR SHEET';
    const heading = await pdf.embedPng(await textImage([title], 72, 1800));
    const headingWidth = 150 * MM;
    page.drawImage(heading, { x: 30 * MM, y: A4.height - 25 * MM - (headingWidth * heading.height) / heading.width, width: headingWidth, height: (headingWidth * heading.height) / heading.width });
    const qrTop = A4.height - 45 * MM;
    drawModules(page, qr.symbol, (A4.width - QR_SIDE) / 2, qrTop, QR_SIDE / qr.symbol.width, black);
    page.drawText(sheet.key, { x: (A4.width - font.widthOfTextAtSize(sheet.key, 28)) / 2, y: qrTop - QR_SIDE - 14 * MM, size: 28, font });
    const barTop = qrTop - QR_SIDE - 22 * MM;
    drawBars(page, bar.symbol, (A4.width - bar.symbol.width * BAR_MODULE) / 2, barTop, black);
    if (sheet.lines.length > 0) {
      const info = await pdf.embedPng(await textImage(sheet.lines, 40, 1800));
      const width = 150 * MM;
      const height = (width * info.height) / info.width;
      page.drawImage(info, { x: 30 * MM, y: barTop - BAR_HEIGHT - 12 * MM - height, width, height });
    }
  }
  return pdf.save();
}
