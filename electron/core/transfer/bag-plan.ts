import type { CheckResult, FourChecksReport } from '../../../shared/contract';
import { checkEventChain, stationKeyOf } from '../audit/event-log';
import type { BlobStore } from '../files/blob-store';
import { digestBytes } from '../files/digest-file';
import type { Db } from '../store/open-database';
import { APP_VERSION } from '../util/app-version';
import { nowIso } from '../util/ids';
import { bagLayout, METADATA_PATHS, type BagFile, type BagLayout, type BagPlan, type BagRole } from './bag-layout';
import { BAGIT_TXT, bagInfoText, COMMIT_MARKER, manifestText, payloadOxum, SM3_MANIFEST } from './bag-text';
import { readBatchRecords, type BatchRecords } from './batch-records';
import { auditLogLines, buildBagMetadata, type OcrFile } from './build-metadata';
import { bagSupervision } from '../stats/supervision-file';
import { fourChecksReport, runStoreChecks } from './four-checks';
import { storeMetadataHooks, type MetadataHooks } from './metadata-hooks';
import { renderMetadataXml } from './metadata-xml';
import { gatherFacts, type FactsBySha } from './object-facts';
import { checkPackage } from './package-checks';
import { chainExtract, SEAL_FILE, sealBag } from './chain-seal';
import { lastAcknowledgedHead } from '../sync/acknowledged-heads';

export interface BuiltBag {
  /** Null when the store checks fail: such a batch may not leave. */
  readonly plan: BagPlan | null;
  /** The 四性检测 report: store checks, plus the package checks once a bag was built. */
  readonly report: FourChecksReport;
}

export interface BagDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly actor: string;
}

export const BAG_PROFILE = 'urn:hpf-desk:bagit-profile:transfer:1';
const TAG_ORDER = ['manifest-sha256.txt', 'manifest-sha512.txt', SM3_MANIFEST, 'bagit.txt', 'bag-info.txt', SEAL_FILE, COMMIT_MARKER];

/** A file of a bag being built: its SM3 is always known. */
type BuiltFile = BagFile & { readonly sm3: string };

/** The centre's name for Source-Organization; the fonds code until an administrator sets one. */
const centreName = (db: Db, fonds: string): string =>
  (db.prepare("SELECT value FROM settings WHERE key = 'centre.name'").pluck().get() as string | undefined) ?? `全宗 ${fonds}`;

export interface Assessment {
  readonly records: BatchRecords;
  readonly facts: FactsBySha;
  readonly layout: BagLayout;
  readonly metadataJson: string;
  readonly metadataXml: string;
  /** OCR text files of the bag, by page. */
  readonly ocrFiles: ReadonlyMap<string, { readonly path: string; readonly bytes: Buffer }>;
  /** The store half of 四性检测. */
  readonly report: FourChecksReport;
}

/**
 * Read a batch's records and every object's bytes, render its metadata and run the store
 * 四性检测 — everything a bag needs, without writing anything (batch close runs this alone).
 */
export async function assessBatch(deps: BagDeps, batchId: string, hooks: MetadataHooks = storeMetadataHooks(deps.db)): Promise<Assessment> {
  const { db, blobs, actor } = deps;
  const at = nowIso();
  const records = readBatchRecords(db, batchId);
  const facts = await gatherFacts(blobs, records);
  const layout = bagLayout(records, hooks);
  const ocrFiles = new Map<string, { path: string; bytes: Buffer }>();
  const ocr = new Map<string, OcrFile>();
  for (const p of records.pages) {
    const text = hooks.pageText?.(p.id);
    if (text === undefined) continue;
    const file = { path: layout.pages.get(p.id)!.ocr, bytes: Buffer.from(text, 'utf8') };
    const d = digestBytes(file.bytes);
    ocrFiles.set(p.id, file);
    ocr.set(p.id, { pageId: p.id, path: file.path, sha256: d.sha256, sm3: d.sm3, size: d.size });
  }
  const metadata = buildBagMetadata(records, layout, facts, hooks, actor, ocr);
  const metadataJson = `${JSON.stringify(metadata, null, 2)}\n`;
  const metadataXml = renderMetadataXml(metadata);
  const checkInput = { records, facts, operator: actor, at, metadataJson, metadataXml, brokenEvents: checkEventChain(db).broken };
  const report = fourChecksReport(checkInput, 'store', runStoreChecks(checkInput));
  return { records, facts, layout, metadataJson, metadataXml, ocrFiles, report };
}

/**
 * Build a batch's transfer bag: assess it, write metadata, report and tag files as stored
 * objects, and check the package as built.
 */
export async function buildBag(deps: BagDeps, batchId: string, options: { hooks?: MetadataHooks } = {}): Promise<BuiltBag> {
  const { db, blobs, actor } = deps;
  const assessment = await assessBatch(deps, batchId, options.hooks);
  const { records, facts, layout, report: storeReport } = assessment;
  if (!storeReport.ok) return { plan: null, report: storeReport };
  const at = storeReport.at;

  const generate = async (path: string, role: BagRole, mime: string, content: string | Buffer): Promise<BuiltFile> => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await blobs.put(bytes);
    const d = digestBytes(bytes);
    return { path, role, mime, sha256: d.sha256, sha512: d.sha512, sm3: d.sm3, size: d.size };
  };
  const ocrFiles: BuiltFile[] = [];
  for (const f of assessment.ocrFiles.values()) ocrFiles.push(await generate(f.path, 'ocr', 'text/plain', f.bytes));

  const captured = (path: string, role: BagRole, sha256: string, mime: string): BuiltFile => {
    const d = facts.get(sha256)!.digest;
    return { path, role, mime, sha256, sha512: d.sha512, sm3: d.sm3, size: d.size };
  };
  const captureFiles: BuiltFile[] = [
    ...records.sources.map((s) => captured(layout.originals.get(s.id)!, 'original', s.sha256, s.mime)),
    ...records.pages.map((p) => captured(layout.pages.get(p.id)!.image, 'image', p.image!.sha256, p.image!.mime)),
    ...records.pages.map((p) => captured(layout.pages.get(p.id)!.thumbnail, 'thumbnail', p.thumbnail!.sha256, p.thumbnail!.mime)),
    ...ocrFiles,
  ];
  // The station's key signs the bag and the audit chain it carries; a store without one (in memory) sends neither.
  const key = stationKeyOf(db);
  const chain = key && chainExtract(db, lastAcknowledgedHead(db));
  const metadataFiles = [
    await generate(METADATA_PATHS.json, 'metadata', 'application/json', assessment.metadataJson),
    await generate(METADATA_PATHS.xml, 'metadata', 'application/xml', assessment.metadataXml),
    await generate(METADATA_PATHS.checks, 'metadata', 'application/json', `${JSON.stringify(storeReport, null, 2)}\n`),
    await generate(METADATA_PATHS.supervision, 'metadata', 'application/json', `${JSON.stringify(bagSupervision(db, new Date(at)), null, 2)}\n`),
    await generate(METADATA_PATHS.auditLog, 'metadata', 'application/x-ndjson', auditLogLines(records)),
    ...(chain ? [await generate(METADATA_PATHS.auditChain, 'metadata', 'application/x-ndjson', chain.lines)] : []),
  ];
  const payload = [...captureFiles, ...metadataFiles];
  const payloadBytes = payload.reduce((n, f) => n + f.size, 0);
  const baggingDate = at.slice(0, 10);

  const tags = new Map<string, BuiltFile>();
  const tag = async (name: string, text: string) => tags.set(name, await generate(name, 'tag', 'text/plain', text));
  await tag('manifest-sha256.txt', manifestText(payload.map((f) => ({ path: f.path, digest: f.sha256 }))));
  await tag('manifest-sha512.txt', manifestText(payload.map((f) => ({ path: f.path, digest: f.sha512 }))));
  await tag(SM3_MANIFEST, manifestText(payload.map((f) => ({ path: f.path, digest: f.sm3 }))));
  await tag('bagit.txt', BAGIT_TXT);
  await tag('bag-info.txt', bagInfoText([
    ['Source-Organization', centreName(db, records.station.fonds)],
    ['External-Identifier', records.batch.id],
    ['Internal-Sender-Identifier', records.batch.name],
    ['Bagging-Date', baggingDate],
    ['Payload-Oxum', payloadOxum(payloadBytes, payload.length)],
    ['BagIt-Profile-Identifier', BAG_PROFILE],
    ['Bag-Software-Agent', `hpf-desk/${APP_VERSION}`],
    ['Station-Id', records.station.id],
    ['Station-Name', records.station.name],
    ['Fonds', records.station.fonds],
    ['Operator', actor],
    ['Batch-Pages', String(records.pages.length)],
    ['Four-Checks', storeReport.ok ? 'passed' : 'failed'],
  ]));
  if (key && chain) {
    const seal = sealBag(key.keys, {
      batchId,
      stationId: records.station.id,
      previous: chain.previous,
      head: chain.head,
      manifestSha256: tags.get('manifest-sha256.txt')!.sha256,
      bagInfoSha256: tags.get('bag-info.txt')!.sha256,
    });
    tags.set(SEAL_FILE, await generate(SEAL_FILE, 'tag', 'application/json', seal));
  }
  const tagsBeforeMarker = TAG_ORDER.slice(0, -1).flatMap((n) => tags.get(n) ?? []);
  await tag(COMMIT_MARKER, manifestText(tagsBeforeMarker.map((f) => ({ path: f.path, digest: f.sha256 }))));

  const plan: BagPlan = {
    batchId,
    baggingDate,
    files: [...payload, ...TAG_ORDER.flatMap((n) => tags.get(n) ?? [])],
    payloadBytes,
    payloadFiles: payload.length,
    commitSha256: tags.get(COMMIT_MARKER)!.sha256,
  };
  const packageChecks: CheckResult[] = await checkPackage(blobs, plan);
  return { plan, report: { ...storeReport, stage: 'package', ok: packageChecks.every((c) => c.ok), checks: [...storeReport.checks, ...packageChecks] } };
}
