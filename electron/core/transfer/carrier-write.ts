import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parseArchivalCode } from '../../../shared/filing/archival-code';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import { exportSearchable, type PdfExportDeps } from '../export/export-searchable';
import { digestFile } from '../files/digest-file';
import { writeDurably } from '../files/durable-copy';
import { getBatch } from '../store/repo/batches';
import { nowIso } from '../util/ids';
import { isInside } from '../util/safe-path';
import { safeBagName, seq4 } from './bag-text';
import { readBatchRecords } from './batch-records';
import { carrierProfile, fillTemplate, type CarrierProfile } from './carrier-profile';
import { carrierCatalogueXml, carrierDescription, fixityListText, type CarrierEntry, type CarrierFile } from './carrier-text';
import { storeMetadataHooks } from './metadata-hooks';
import { getTransfer, transferReport } from './transfer-store';
import { BagDirError, freshFolder } from './write-bag-dir';

export interface CarrierOutcome {
  readonly out: string;
  readonly profile: string;
  readonly batch: string;
  readonly items: number;
  /** Every file on the carrier, the description, catalogue and fixity list included. */
  readonly files: number;
  readonly bytes: number;
}

/**
 * Write a closed batch to a new folder in a receiving archive's carrier layout (离线移交载体,
 * DA/T 93-2022): each filed 件 as OFD with its originals under year → class → 档号, the
 * catalogue XML, the description file and the SM3/SHA-256 fixity list of all of them. Every
 * digest is read back from the carrier (an original must match its stored SHA-256), and the
 * folder appears whole or not at all.
 */
export async function writeCarrier(deps: PdfExportDeps, batchId: string, dir: string, profile: CarrierProfile = carrierProfile()): Promise<CarrierOutcome> {
  const { db, blobs, actor } = deps;
  const batch = getBatch(db, batchId);
  if (!batch) throw new DeskError('not_found', `没有这个批次 / no batch ${batchId}`);
  // An open batch may still change and has not passed 四性检测: it cannot be handed over.
  if (batch.state !== 'closed') {
    throw new DeskError('conflict', `批次 ${batch.name} 还没有关闭：请先关闭批次（四性检测通过）再制作移交载体 / batch ${batch.name} is open; close it (四性检测 passed) before writing a carrier`);
  }
  if (getTransfer(db, batchId)?.state === 'purged') {
    throw new DeskError('conflict', `批次 ${batch.name} 已在中心确认后清理，本地不再有原件 / batch ${batch.name} was purged after acknowledgement; its originals are no longer here`);
  }
  const records = readBatchRecords(db, batchId);
  const hooks = storeMetadataHooks(db);
  const items = records.items.map((item) => {
    const fields = hooks.itemFields?.(item.id) ?? {};
    const code = fields['档号'];
    const parts = code ? parseArchivalCode(code) : null;
    if (!code || !parts) throw new DeskError('conflict', `件 ${item.id} 还没有归档（没有档号），不能移交 / item ${item.id} is not filed (no 档号)`);
    return { id: item.id, fields, code, parts };
  }).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (items.length === 0) throw new DeskError('conflict', `批次 ${batch.name} 没有已归档的件 / batch ${batch.name} has no filed items`);

  const { out, partial, commit } = await freshFolder(dir);
  const written: CarrierFile[] = [];
  const place = async (rel: string, write: (dest: string) => Promise<unknown>, expectedSha256?: string): Promise<CarrierFile> => {
    const dest = path.join(partial, ...rel.split('/'));
    if (!isInside(partial, dest)) throw new BagDirError(`path escapes the carrier: ${rel}`);
    // A profile whose item folder leaves out the 档号 would put two 件 in one place.
    if (written.some((f) => f.path === rel)) throw new BagDirError(`载体格式使两个文件同名 / the profile puts two files at ${rel}`);
    await mkdir(path.dirname(dest), { recursive: true });
    await write(dest);
    const d = await digestFile(dest);
    if (expectedSha256 !== undefined && d.sha256 !== expectedSha256) throw new BagDirError(`写入后校验失败 / read-back differs after writing: ${rel}`);
    const file = { path: rel, sha256: d.sha256, sm3: d.sm3, size: d.size };
    written.push(file);
    return file;
  };
  const text = (content: string) => (dest: string) => writeDurably(Readable.from([Buffer.from(content, 'utf8')]), dest);

  const itemOfDocument = new Map(records.documents.map((d) => [d.id, d.itemId]));
  const entries: CarrierEntry[] = [];
  for (const item of items) {
    const values = {
      档号: item.code, 全宗号: item.parts.fonds, 年度: String(item.parts.year), 分类号: item.parts.classCode, 保管期限: item.parts.retention,
    };
    const folder = profile.itemFolder.map((t) => fillTemplate(t, values)).join('/');
    const files = [await place(`${folder}/${fillTemplate(profile.ofdFile, values)}`, (dest) => exportSearchable(deps, item.id, dest, 'ofd'))];
    // The originals this 件's pages were captured from, in import order (one scanned file may feed several 件).
    const used = new Set(records.pages.filter((p) => itemOfDocument.get(p.documentId) === item.id).map((p) => p.sourceFileId));
    const originals = records.sources.filter((s) => used.has(s.id));
    for (const [i, source] of originals.entries()) {
      const rel = `${folder}/${profile.originalsFolder}/${seq4(i + 1)}-${safeBagName(source.name)}`;
      files.push(await place(rel, (dest) => writeDurably(blobs.stream(source.sha256), dest), source.sha256));
    }
    entries.push({ code: item.code, fields: item.fields, files });
  }
  const electronic = entries.flatMap((e) => e.files);
  await place(profile.catalogueFile, text(carrierCatalogueXml(entries, records.station)));
  const loosePages = records.pages.filter((p) => !itemOfDocument.get(p.documentId)).length;
  await place(profile.descriptionFile, text(carrierDescription({
    profileTitle: profile.title, batch: { id: batch.id, name: batch.name }, station: records.station, operator: actor, at: nowIso(),
    items: items.length, files: electronic.length, bytes: electronic.reduce((n, f) => n + f.size, 0), loosePages,
    catalogueFile: profile.catalogueFile, fixityFile: profile.fixityFile, checks: transferReport(db, batchId),
  })));
  await place(profile.fixityFile, text(fixityListText(written)));
  await commit();

  const outcome = { out, profile: profile.name, batch: batch.id, items: items.length, files: written.length, bytes: written.reduce((n, f) => n + f.size, 0) };
  // The carrier holds every item's personal data in full: its writing is on the record.
  db.transaction(() => appendEvent(db, { actor, kind: 'export.carrier', subject: batch.id, data: outcome }))();
  return outcome;
}
