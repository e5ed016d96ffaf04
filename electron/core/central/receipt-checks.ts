import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SupervisionFile } from '../../../shared/stats/supervision';
import { METADATA_PATHS } from '../transfer/bag-layout';
import { BAGIT_TXT, COMMIT_MARKER, parseBagInfo, parseManifest, payloadOxum } from '../transfer/bag-text';

/** One finding of the centre's 接收检测 (DA/T 70 at receipt), in the same four aspects as the station's. */
export interface ReceiptCheck {
  readonly aspect: 'authenticity' | 'integrity' | 'usability' | 'security';
  readonly id: string;
  readonly ok: boolean;
  readonly problems: readonly string[];
}

/** What the catalogue keeps of a received bag. */
export interface ReceivedBag {
  readonly stationId: string;
  readonly stationName: string;
  readonly fonds: string;
  readonly checks: readonly ReceiptCheck[];
  readonly ok: boolean;
  /** SHA-256 of every file as the centre read it (the acknowledgement's `files`). */
  readonly hashes: Readonly<Record<string, string>>;
  readonly items: ReadonlyArray<{ readonly archivalCode: string; readonly title: string; readonly fields: Readonly<Record<string, string>> }>;
  /** The station's figures the bag carried (docs/central-contract.md §2.3); null when it carried none in that format. */
  readonly supervision: SupervisionFile | null;
}

const REQUIRED_INFO = ['External-Identifier', 'Bagging-Date', 'Payload-Oxum', 'Station-Id', 'Fonds'] as const;
/** Formats a transfer may carry (DOMAIN: open formats, no encryption or proprietary compression). */
const OPEN_FORMATS = new Set(['image/jpeg', 'image/png', 'image/tiff', 'application/pdf', 'application/ofd', 'image/jp2']);

const FieldMap = z.record(z.string(), z.unknown()).default({});
const Metadata = z.object({
  format: z.literal('hpf-desk/batch-metadata'),
  items: z.array(z.object({ archival: FieldMap, businessFields: FieldMap }).passthrough()).default([]),
  originals: z.array(z.object({ mime: z.string() }).passthrough()).default([]),
  pages: z.array(z.unknown()).default([]),
}).passthrough();

const sha = (algorithm: 'sha256' | 'sha512', bytes: Buffer) => createHash(algorithm).update(bytes).digest('hex');
const check = (aspect: ReceiptCheck['aspect'], id: string, problems: string[]): ReceiptCheck => ({ aspect, id, ok: problems.length === 0, problems: problems.slice(0, 20) });
const text = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));

/**
 * Re-run the transfer checks independently on the bytes the centre holds: BagIt fixity (both
 * payload manifests, the tag manifest, Payload-Oxum, nothing unlisted), the station's own report,
 * metadata that parses and agrees with the bag, and open formats only. Nothing is taken from the
 * station's word that the bytes themselves can settle.
 */
export function checkReceivedBag(batchId: string, files: ReadonlyMap<string, Buffer>): ReceivedBag {
  const hashes = Object.fromEntries([...files].map(([p, b]) => [p, sha('sha256', b)]));
  const info = parseBagInfo(files.get('bag-info.txt')?.toString('utf8') ?? '');
  const payload = [...files.keys()].filter((p) => p.startsWith('data/'));

  const integrity: string[] = [];
  if (files.get('bagit.txt')?.toString('utf8') !== BAGIT_TXT) integrity.push('bagit.txt is not BagIt 1.0 UTF-8');
  for (const label of REQUIRED_INFO) if (!info.get(label)) integrity.push(`bag-info.txt lacks ${label}`);
  if (info.get('External-Identifier') !== batchId) integrity.push(`External-Identifier ${info.get('External-Identifier') ?? '-'} is not ${batchId}`);
  const bytes = payload.reduce((n, p) => n + files.get(p)!.length, 0);
  if (info.get('Payload-Oxum') !== payloadOxum(bytes, payload.length)) integrity.push(`Payload-Oxum ${info.get('Payload-Oxum') ?? '-'} ≠ ${payloadOxum(bytes, payload.length)} received`);

  const authenticity: string[] = [];
  for (const algorithm of ['sha256', 'sha512'] as const) {
    const name = `manifest-${algorithm}.txt`;
    const listed = parseManifest(files.get(name)?.toString('utf8') ?? '');
    if (!listed) {
      authenticity.push(`${name} is missing or malformed`);
      continue;
    }
    for (const [p, digest] of listed) {
      const got = files.get(p);
      if (!got) integrity.push(`${p} is listed in ${name} but not received`);
      else if (sha(algorithm, got) !== digest) authenticity.push(`${p} does not match ${name}`);
    }
    for (const p of payload) if (!listed.has(p)) integrity.push(`${p} is not listed in ${name}`);
  }

  const security: string[] = [];
  const tagListed = parseManifest(files.get(COMMIT_MARKER)?.toString('utf8') ?? '');
  if (!tagListed) security.push(`${COMMIT_MARKER} is missing or malformed`);
  else {
    for (const [p, digest] of tagListed) if (hashes[p] !== digest) security.push(`${p} does not match ${COMMIT_MARKER}`);
    for (const p of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt']) if (!tagListed.has(p)) security.push(`${COMMIT_MARKER} does not cover ${p}`);
  }
  const stray = [...files.keys()].filter((p) => !p.startsWith('data/') && !(tagListed?.has(p) ?? false) && p !== COMMIT_MARKER);
  for (const p of stray) security.push(`unexpected tag file ${p}`);

  const usability: string[] = [];
  let items: ReceivedBag['items'] = [];
  const metadataBytes = files.get(METADATA_PATHS.json);
  try {
    const metadata = Metadata.parse(JSON.parse(metadataBytes?.toString('utf8') ?? ''));
    const closed = new Set(metadata.originals.map((o) => o.mime).filter((m) => !OPEN_FORMATS.has(m)));
    for (const m of closed) usability.push(`original format ${m} is not an open archival format`);
    if (info.get('Batch-Pages') !== undefined && Number(info.get('Batch-Pages')) !== metadata.pages.length) {
      integrity.push(`Batch-Pages ${info.get('Batch-Pages')} ≠ ${metadata.pages.length} pages in metadata.json`);
    }
    items = metadata.items.map((item) => ({
      archivalCode: text(item.archival['档号']),
      title: text(item.archival['题名']),
      fields: Object.fromEntries(Object.entries({ ...item.archival, ...item.businessFields }).map(([k, v]) => [k, text(v)])),
    }));
  } catch (err) {
    usability.push(`${METADATA_PATHS.json} does not parse: ${(err as Error).message.slice(0, 200)}`);
  }
  try {
    const report = JSON.parse(files.get(METADATA_PATHS.checks)?.toString('utf8') ?? '') as { ok?: unknown };
    if (report.ok !== true) integrity.push("the station's 四性检测 report is not ok");
  } catch {
    usability.push(`${METADATA_PATHS.checks} does not parse`);
  }
  // Figures are the station's report, not part of the record: a bag from a station before this format is still received.
  let supervision: SupervisionFile | null = null;
  try {
    const parsed = SupervisionFile.safeParse(JSON.parse(files.get(METADATA_PATHS.supervision)?.toString('utf8') ?? ''));
    if (parsed.success && parsed.data.station.id === info.get('Station-Id')) supervision = parsed.data;
  } catch {
    // Not JSON: no figures from this bag.
  }
  if (info.get('Four-Checks') !== 'passed') integrity.push(`Four-Checks is ${info.get('Four-Checks') ?? 'missing'}`);

  const checks = [
    check('authenticity', 'receipt.fixity', authenticity),
    check('integrity', 'receipt.complete', integrity),
    check('usability', 'receipt.readable', usability),
    check('security', 'receipt.sealed', security),
  ];
  return {
    stationId: info.get('Station-Id') ?? '',
    stationName: info.get('Station-Name') ?? '',
    fonds: info.get('Fonds') ?? '',
    checks,
    ok: checks.every((c) => c.ok),
    hashes,
    items,
    supervision,
  };
}
