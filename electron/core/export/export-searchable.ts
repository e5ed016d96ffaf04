import { createHash } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { BlobStore } from '../files/blob-store';
import { writeDurably } from '../files/durable-copy';
import { PRIORITY } from '../ocr/ocr-queue';
import type { OcrService } from '../ocr/ocr-service';
import { pageResult } from '../store/repo/ocr-results';
import { getStation } from '../store/repo/station';
import type { Db } from '../store/open-database';
import { APP_VERSION } from '../util/app-version';
import { buildOfd } from './ofd-package';
import { resolveExportTarget, type ExportTarget } from './pdf-export-target';
import { buildSearchablePdf } from './searchable-pdf';

/** The fixed-layout formats a searchable export is written in: PDF, or OFD (GB/T 33190) beside it. */
export type LayoutFormat = 'pdf' | 'ofd';

export interface PdfExportDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly ocr: OcrService;
  readonly actor: string;
}

export interface PdfExportOutcome {
  readonly out: string;
  readonly format: LayoutFormat;
  readonly kind: ExportTarget['kind'];
  readonly id: string;
  readonly title: string;
  readonly archivalCode: string | null;
  readonly pages: number;
  /** Pages exported without a text layer (their OCR failed). */
  readonly withoutText: readonly string[];
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Export a page, document, item, dossier or batch as a searchable PDF or OFD. Pages not read yet
 * are read first, before any other queued work; the file is written whole or not at all, and the
 * export is recorded in the audit log (it carries personal data out of the store).
 */
export async function exportSearchable(deps: PdfExportDeps, id: string, outFile: string, format: LayoutFormat): Promise<PdfExportOutcome> {
  const { db, blobs, ocr } = deps;
  const target = resolveExportTarget(db, id);
  if (!target) throw new DeskError('not_found', `没有这个页面、文件、件、卷或批次 / no page, document, item, dossier or batch ${id}`);
  if (target.pages.length === 0) throw new DeskError('conflict', `${target.title}: 没有页面 / has no pages`);

  const unread = target.pages.filter((p) => !pageResult(db, p.pageId)).map((p) => p.pageId);
  if (unread.length > 0) {
    ocr.enqueue({ pageIds: unread, priority: PRIORITY.foreground, revive: true });
    ocr.start({ auto: false });
    await ocr.whenPagesSettled(unread);
  }
  const inputs = await Promise.all(
    target.pages.map(async (p) => ({
      image: await blobs.read(p.imageSha256),
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      ocr: pageResult(db, p.pageId) ?? null,
    })),
  );
  const station = getStation(db);
  const props = {
    title: target.title,
    subject: [target.archivalCode && `档号 ${target.archivalCode}`, target.date && `日期 ${target.date}`].filter(Boolean).join(' · ') || target.title,
    keywords: [target.archivalCode, station.fonds && `全宗 ${station.fonds}`].filter((k): k is string => Boolean(k)),
    author: station.name,
    archivalCode: target.archivalCode,
    created: new Date(),
  };
  const bytes =
    format === 'pdf'
      ? await buildSearchablePdf(inputs, { ...props, producer: `HPF Archive Desk ${APP_VERSION} (pdf-lib)` })
      : await buildOfd(inputs, { ...props, producer: `HPF Archive Desk ${APP_VERSION}`, fonds: station.fonds || null, date: target.date });
  const out = path.resolve(outFile);
  await writeDurably(Readable.from([Buffer.from(bytes)]), out);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const withoutText = inputs.flatMap((input, i) => (input.ocr ? [] : [target.pages[i]!.pageId]));
  db.transaction(() =>
    appendEvent(db, { actor: deps.actor, kind: `export.${format}`, subject: target.id, data: { out, pages: inputs.length, sha256 } }),
  )();
  return {
    out, format, kind: target.kind, id: target.id, title: target.title, archivalCode: target.archivalCode,
    pages: inputs.length, withoutText, bytes: bytes.length, sha256,
  };
}
