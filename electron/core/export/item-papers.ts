import { readFile } from 'node:fs/promises';
import type { PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import type { ItemPaper } from '../../../shared/contract/filing';
import { retentionOf, type SchemeBody } from '../../../shared/filing/scheme';
import { businessOrThrow, checkItem } from '../filing/check-item';
import { itemDocuments, itemOrThrow } from '../filing/item-store';
import type { Db } from '../store/open-database';
import { getStation } from '../store/repo/station';
import { loadFontkit, loadPdfLib } from '../util/load-on-use';
import { pdfFontPath } from './searchable-pdf';

const MM = 72 / 25.4;
const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = 20 * MM;
const SIZE = 11;
const LEADING = 18;

/** A time as the clerk and the customer read it: the station's local clock, to the minute. */
function localTime(at: Date): string {
  return at.toLocaleString('zh-CN', { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/** Lines of text top to bottom, a new A4 page when one is full. */
class Writer {
  private page: PDFPage;
  private y = A4.height - MARGIN;
  constructor(private readonly doc: PDFDocument, private readonly font: PDFFont) {
    this.page = doc.addPage([A4.width, A4.height]);
  }
  title(text: string): void {
    const size = 18;
    this.page.drawText(text, { x: (A4.width - this.font.widthOfTextAtSize(text, size)) / 2, y: this.y - size, size, font: this.font });
    this.y -= size + LEADING;
  }
  /** One line; `columns` are x offsets (from the margin) for the parts after the first. */
  line(parts: readonly string[], columns: readonly number[] = []): void {
    if (this.y < MARGIN + LEADING) this.newPage();
    parts.forEach((text, i) => this.page.drawText(text, { x: MARGIN + (i === 0 ? 0 : columns[i - 1]! * MM), y: this.y - SIZE, size: SIZE, font: this.font }));
    this.y -= LEADING;
  }
  gap(): void {
    this.y -= LEADING / 2;
  }
  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.y = A4.height - MARGIN;
  }
}

/**
 * Papers of one item for people, as A4 PDF with real text (searchable, read back by tests):
 * the 受理回执 for the customer — what was received, what is still missing and why it was
 * accepted anyway — and the item's cover with its 卷内目录. Personal elements are masked as on
 * screen: the paper leaves the counter.
 */
export async function itemPaperPdf(db: Db, scheme: SchemeBody, itemId: string, paper: ItemPaper, now = new Date()): Promise<Uint8Array> {
  const item = itemOrThrow(db, itemId, scheme);
  const check = checkItem(db, scheme, itemId);
  const station = getStation(db);
  const doc = await (await loadPdfLib()).PDFDocument.create();
  doc.registerFontkit(await loadFontkit());
  const font = await doc.embedFont(await readFile(pdfFontPath()), { subset: true });
  const w = new Writer(doc, font);
  const name = item.fields['姓名'] ?? '';
  const code = item.archivalCode ?? '';
  if (paper === 'receipt') {
    doc.setTitle(`受理回执 ${code || check.checklistName}`);
    w.title('住房公积金业务受理回执');
    w.line([`受理网点：${station.name}`]);
    w.line([`业务：${check.checklistName}`]);
    w.line([`办理日期：${check.businessDate}`]);
    if (code) w.line([`档号：${code}`]);
    w.line([`申请人：${name}`, `证件号码：${item.fields['证件号码'] ?? ''}`], [80]);
    w.gap();
    w.line(['已收材料：']);
    const received = check.lines.filter((l) => l.present);
    if (received.length === 0) w.line(['  无']);
    received.forEach((l, i) => w.line([`  ${i + 1}. ${l.name}`, `${l.pages} 页`], [110]));
    w.gap();
    const missing = check.lines.filter((l) => check.missing.includes(l.material));
    w.line([missing.length === 0 ? '材料齐全。' : '尚缺材料（请补交）：']);
    missing.forEach((l, i) => w.line([`  ${i + 1}. ${l.name}`]));
    if (item.missingReason) w.line([`容缺受理：${item.missingReason}`]);
    w.gap();
    w.line([`打印时间：${localTime(now)}`]);
    w.line(['请妥善保管本回执，补交材料时请出示。']);
  } else {
    const business = businessOrThrow(scheme, check.business);
    const documents = itemDocuments(db, itemId);
    const pageCount = documents.reduce((n, d) => n + d.pageIds.length, 0);
    doc.setTitle(`件封面 ${code}`);
    w.title('件封面');
    w.line([`档号：${code || '（未归档）'}`]);
    w.line([`题名：${check.checklistName}${name ? ` · ${name}` : ''}`]);
    w.line([`全宗号：${station.fonds}`, `保管期限：${retentionOf(scheme, business).code}`], [80]);
    w.line([`办理日期：${check.businessDate}`, `归档时间：${item.filedAt ? localTime(new Date(item.filedAt)) : '—'}`], [80]);
    w.line([`页数：${pageCount}`, `立档单位：${station.name}`], [80]);
    w.newPage();
    w.title('卷内目录');
    w.line(['序号', '文件题名', '页号', '页数'], [15, 105, 135]);
    let first = 1;
    documents.forEach((d, i) => {
      const last = first + d.pageIds.length - 1;
      w.line([String(i + 1), d.title, first === last ? String(first) : `${first}-${last}`, String(d.pageIds.length)], [15, 105, 135]);
      first = last + 1;
    });
  }
  doc.setCreator('HPF Archive Desk 公积金档案工作站');
  doc.setLanguage('zh-CN');
  return doc.save();
}
