import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { OcrRecognition } from '../../../shared/contract';
import { uprightRows } from '../../../shared/ocr/reading-order';
import { zipArchive, type ZipEntry } from '../files/zip-writer';
import { el, xmlDocument, type XmlElement } from '../transfer/metadata-xml';
import { pdfFontPath, type PdfPageInput, type PdfProperties } from './searchable-pdf';

/**
 * An OFD package (GB/T 33190-2016, 电子文件存储与交换格式 版式文档) of scanned pages, the
 * national counterpart of the searchable PDF: each page image as stored, with the OCR text laid
 * over it invisibly (TextObject Fill="false"), one text object per OCR line, rows in reading
 * order, a line's characters spaced evenly along its box (TextCode DeltaX), so a reader
 * extracting text gets each line whole, 汉字 unbroken.
 *
 * The archival profile's requirements (GB/T 42133-2022 OFD 档案应用指南, as publicly described)
 * this package meets and how:
 * - fonts embedded: the text layer's font file (a Noto Sans CJK SC subset, the PDF's) is in the
 *   package and referenced by Font/FontFile; no system font is named for rendering;
 * - no external references: every ST_Loc points inside the package;
 * - no encryption, no signatures to depend on: no Encryptions, no Signatures entry;
 * - metadata present: DocInfo with DocID, Title, Author, Subject, CreationDate, Keywords,
 *   Creator, CreatorVersion and CustomDatas (档号, 全宗号, 日期).
 */

const NS = 'http://www.ofdspec.org/2016';
const MM_PER_INCH = 25.4;
const FONT_NAME = 'Noto Sans SC';
/** As in the searchable PDF: glyph height within a detection box, and the baseline above its bottom. */
const GLYPH_HEIGHT_OF_BOX = 0.72;
const BASELINE_ABOVE_BOTTOM = 0.22;

export interface OfdProperties extends PdfProperties {
  readonly fonds: string | null;
  /** The business date (items) or creation date, YYYY-MM-DD. */
  readonly date: string | null;
}

/** OFD numbers: millimetres to 1/1000, without trailing zeros. */
const num = (v: number): string => String(Math.round(v * 1000) / 1000);
const list = (...values: number[]): string => values.map(num).join(' ');

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A page without a recorded resolution (a camera shot) is sized as an A4 page, as in the PDF. */
const assumedDpi = (width: number, height: number): number => Math.max(width, height) / 11.69;

const isPng = (bytes: Uint8Array): boolean => bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;

/** Hands out the document's object ids (ST_ID, unique in the document, 0 meaning none). */
function idCounter(): () => number {
  let last = 0;
  return () => ++last;
}

/**
 * The text objects of one page: rows in reading order, each line a TextObject whose characters
 * share the row's baseline and size and step evenly across the line's box. Boxes are found on
 * the straightened page; a skewed page's text is turned back onto the stored image by the CTM.
 */
function textObjects(ocr: OcrRecognition, mm: number, fontId: number, nextId: () => number, page: { w: number; h: number }): XmlElement[] {
  const phi = (ocr.angle * Math.PI) / 180;
  const cos = Math.cos(phi);
  const sin = Math.sin(phi);
  const cx = (ocr.width / 2) * mm;
  const cy = (ocr.height / 2) * mm;
  // Straightened → stored page: a turn about the page centre (y runs down in OFD as in the image).
  const ctm = ocr.angle === 0 ? undefined : list(cos, sin, -sin, cos, cx - cos * cx + sin * cy, cy - sin * cx - cos * cy);
  const objects: XmlElement[] = [];
  for (const row of uprightRows(ocr)) {
    const cells = row.filter(({ line }) => line.text.trim() !== '');
    if (cells.length === 0) continue;
    const baseline = median(cells.map(({ box }) => box[1] + box[3] * (1 - BASELINE_ABOVE_BOTTOM))) * mm;
    const size = Math.max(0.5, median(cells.map(({ box }) => box[3])) * GLYPH_HEIGHT_OF_BOX * mm);
    for (const { line, box } of cells) {
      const chars = Array.from(line.text);
      const step = (box[2] * mm) / chars.length;
      objects.push(
        el('ofd:TextObject', { ID: nextId(), Boundary: list(0, 0, page.w, page.h), CTM: ctm, Font: fontId, Size: num(size), Fill: 'false' }, [
          el('ofd:TextCode', { X: num(box[0] * mm), Y: num(baseline), DeltaX: chars.length > 1 ? `g ${chars.length - 1} ${num(step)}` : undefined }, [line.text]),
        ]),
      );
    }
  }
  return objects;
}

/** Build the OFD package of the pages, in order. */
export async function buildOfd(pages: readonly PdfPageInput[], props: OfdProperties): Promise<Buffer> {
  const nextId = idCounter();
  const files: ZipEntry[] = [];
  const needsFont = pages.some((p) => p.ocr && p.ocr.lines.length > 0);
  const fontId = needsFont ? nextId() : 0;
  if (needsFont) files.push({ name: 'Doc_0/Res/font_1.ttf', bytes: await readFile(pdfFontPath()) });

  const media: XmlElement[] = [];
  const pageRefs: XmlElement[] = [];
  const firstBox = { w: 210, h: 297 };
  pages.forEach((input, index) => {
    const dpi = input.dpi ?? assumedDpi(input.width, input.height);
    const mm = MM_PER_INCH / dpi;
    const box = { w: input.width * mm, h: input.height * mm };
    if (index === 0) Object.assign(firstBox, box);
    const png = isPng(input.image);
    const imageId = nextId();
    const imageFile = `image_${imageId}.${png ? 'png' : 'jpg'}`;
    files.push({ name: `Doc_0/Res/${imageFile}`, bytes: input.image, stored: true });
    media.push(el('ofd:MultiMedia', { ID: imageId, Type: 'Image', Format: png ? 'PNG' : 'JPEG' }, [el('ofd:MediaFile', undefined, [imageFile])]));
    const pageId = nextId();
    const layerId = nextId();
    const image = el('ofd:ImageObject', { ID: nextId(), ResourceID: imageId, Boundary: list(0, 0, box.w, box.h), CTM: list(box.w, 0, 0, box.h, 0, 0) });
    const text = input.ocr && needsFont ? textObjects(input.ocr, mm, fontId, nextId, box) : [];
    const content = el('ofd:Page', { 'xmlns:ofd': NS }, [
      el('ofd:Area', undefined, [el('ofd:PhysicalBox', undefined, [list(0, 0, box.w, box.h)])]),
      el('ofd:Content', undefined, [el('ofd:Layer', { ID: layerId }, [image, ...text])]),
    ]);
    const loc = `Pages/Page_${index}/Content.xml`;
    files.push({ name: `Doc_0/${loc}`, bytes: Buffer.from(xmlDocument(content), 'utf8') });
    pageRefs.push(el('ofd:Page', { ID: pageId, BaseLoc: loc }));
  });

  const publicRes = el('ofd:Res', { 'xmlns:ofd': NS, BaseLoc: 'Res' }, needsFont
    ? [el('ofd:Fonts', undefined, [el('ofd:Font', { ID: fontId, FontName: FONT_NAME, FamilyName: FONT_NAME }, [el('ofd:FontFile', undefined, ['font_1.ttf'])])])]
    : []);
  const documentRes = el('ofd:Res', { 'xmlns:ofd': NS, BaseLoc: 'Res' }, [el('ofd:MultiMedias', undefined, media)]);
  const maxId = nextId() - 1;
  const document = el('ofd:Document', { 'xmlns:ofd': NS }, [
    el('ofd:CommonData', undefined, [
      el('ofd:MaxUnitID', undefined, [String(maxId)]),
      el('ofd:PageArea', undefined, [el('ofd:PhysicalBox', undefined, [list(0, 0, firstBox.w, firstBox.h)])]),
      el('ofd:PublicRes', undefined, ['PublicRes.xml']),
      el('ofd:DocumentRes', undefined, ['DocumentRes.xml']),
    ]),
    el('ofd:Pages', undefined, pageRefs),
  ]);
  const custom = [['档号', props.archivalCode], ['全宗号', props.fonds], ['日期', props.date]] as const;
  const ofd = el('ofd:OFD', { 'xmlns:ofd': NS, Version: '1.0', DocType: 'OFD' }, [
    el('ofd:DocBody', undefined, [
      el('ofd:DocInfo', undefined, [
        el('ofd:DocID', undefined, [randomUUID().replace(/-/g, '')]),
        el('ofd:Title', undefined, [props.title]),
        ...(props.author ? [el('ofd:Author', undefined, [props.author])] : []),
        ...(props.subject ? [el('ofd:Subject', undefined, [props.subject])] : []),
        el('ofd:CreationDate', undefined, [props.created.toISOString().slice(0, 10)]),
        ...(props.keywords?.length ? [el('ofd:Keywords', undefined, props.keywords.map((k) => el('ofd:Keyword', undefined, [k])))] : []),
        el('ofd:Creator', undefined, ['HPF Archive Desk 公积金档案工作站']),
        el('ofd:CreatorVersion', undefined, [props.producer]),
        el('ofd:CustomDatas', undefined, custom.filter(([, v]) => v).map(([name, v]) => el('ofd:CustomData', { Name: name }, [v!]))),
      ]),
      el('ofd:DocRoot', undefined, ['Doc_0/Document.xml']),
    ]),
  ]);
  return zipArchive(
    [
      { name: 'OFD.xml', bytes: Buffer.from(xmlDocument(ofd), 'utf8') },
      { name: 'Doc_0/Document.xml', bytes: Buffer.from(xmlDocument(document), 'utf8') },
      { name: 'Doc_0/PublicRes.xml', bytes: Buffer.from(xmlDocument(publicRes), 'utf8') },
      { name: 'Doc_0/DocumentRes.xml', bytes: Buffer.from(xmlDocument(documentRes), 'utf8') },
      ...files,
    ],
    props.created,
  );
}
