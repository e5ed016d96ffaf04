import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { SchemeBody } from '../../shared/filing/scheme';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { environmentCredentials } from '../../electron/core/sync/credentials';
import { openTarget } from '../../electron/core/sync/open-target';
import { localReferenceRevision, readReferenceData, rejectedReference } from '../../electron/core/sync/reference-data';
import { syncOnce, type SyncReport } from '../../electron/core/sync/sync-engine';
import { syncSettingsView } from '../../electron/core/sync/sync-configuration';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { PAYLOAD_TYPES, sealEnvelope } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { openFilingStore, type FilingStore } from '../helpers/filing-store';
import { BUCKET, useS3Server } from '../helpers/s3-server';
import { useTempDirs } from '../helpers/temp-dir';

/*
 * The central archive publishes a classification scheme and checklists under config/; the
 * station takes a valid one as a new scheme version (source central) for new items, and refuses
 * an invalid one with the reason, keeping its scheme. Over S3 (s3rver) and a folder target.
 */

const tempDir = useTempDirs();
const s3server = useS3Server();
let store: FilingStore | undefined;
afterEach(async () => {
  await store?.ctx.close();
  store = undefined;
});

const PERSON = { 姓名: '张三', 证件号码: '110101199003074573', 婚姻状况: '未婚', 金额: '12300' };

/** The shipped scheme with a 2026 checklist for 提取·购房 that no longer asks for the bank card. */
function with2026Checklist(body: SchemeBody): SchemeBody['businessTypes'][number]['checklists'] {
  const tq = body.businessTypes.find((b) => b.code === 'TQ-GF')!;
  const latest = tq.checklists.at(-1)!;
  return [...tq.checklists, { ...latest, version: '2026版', effectiveFrom: '2026-01-01', basis: '中心 2026 年第 1 号通知', materials: latest.materials.filter((m) => m.material !== 'YHK') }];
}

const json = (value: unknown): string => JSON.stringify(value, null, 1);

async function sync(s: FilingStore, uri: string, endpoint?: string): Promise<SyncReport> {
  const target = openTarget(parseTargetUri(uri, endpoint ? { endpoint } : {}), { credentials: () => environmentCredentials().get(null) });
  try {
    return await syncOnce(s.ctx, { target, force: true });
  } finally {
    target.close();
  }
}

const latestScheme = (s: FilingStore) => s.filing.schemes.versions().at(-1)!;

describe('reference data applied to filing’s scheme', () => {
  it('over S3: published checklists become a central scheme version used for new items; an invalid set is refused with its reason', async () => {
    store = await openFilingStore(await tempDir(), 0);
    const s = store;
    const central = new CentralArchive(s3server().endpoint, 'reference-s3/');
    const uri = `s3://${BUCKET}/reference-s3`;
    provisionStation(s.ctx.db, central.signingKeys, { uri, endpoint: s3server().endpoint, region: null });
    try {
      const before = s.filing.createItem({ batchId: s.batchId, business: 'TQ-GF', businessDate: '2025-03-01', fields: PERSON });
      expect(latestScheme(s)).toMatchObject({ version: 1, source: 'shipped' });

      const checklists = { format: 'hpf-desk/checklists', businessTypes: { 'TQ-GF': with2026Checklist(defaultSchemeBody()) } };
      await central.publishReference(12, { 'checklists.json': json(checklists) });
      const applied = await sync(s, uri, s3server().endpoint);
      expect(applied.errors).toEqual([]);
      expect(applied.reference).toEqual(['checklists.json']);
      expect(latestScheme(s)).toMatchObject({ version: 2, source: 'central', actor: 'central', reason: expect.stringContaining('revision 12') });
      const event = s.ctx.db.prepare("SELECT actor, data FROM events WHERE kind = 'scheme.saved' ORDER BY id DESC LIMIT 1").get() as { actor: string; data: string };
      expect(JSON.parse(event.data)).toMatchObject({ version: 2, source: 'central', revision: 12, from: expect.stringContaining(uri), receivedBy: 'clerk-1' });

      // New items are keyed under the central version; the earlier item keeps its version, and
      // every item's checklist is the one in force on its business date.
      const after = s.filing.createItem({ batchId: s.batchId, business: 'TQ-GF', businessDate: '2026-02-01', fields: PERSON });
      const schemeOf = (id: string) => s.ctx.db.prepare('SELECT scheme_version FROM item_versions WHERE item_id = ? ORDER BY version DESC').pluck().get(id);
      expect(schemeOf(after.item.id)).toBe(2);
      expect(schemeOf(before.item.id)).toBe(1);
      expect(after.checklist).toBe('2026版');
      expect(s.filing.check(after.item.id)).toMatchObject({ version: '2026版' });
      expect(s.filing.check(after.item.id).missing).not.toContain('YHK');
      expect(s.filing.check(before.item.id)).toMatchObject({ version: '2024版' });

      // A checklist for a business type the scheme does not have: refused, nothing changes.
      await central.publishReference(13, { 'checklists.json': json({ format: 'hpf-desk/checklists', businessTypes: { 'TQ-XX': checklists.businessTypes['TQ-GF'] } }) });
      const refused = await sync(s, uri, s3server().endpoint);
      expect(refused.errors).toMatchObject([{ batchId: null, kind: 'permanent', code: 'reference_rejected', message: expect.stringContaining('TQ-XX') }]);
      expect(latestScheme(s).version).toBe(2);
      expect(localReferenceRevision(s.ctx.db)).toBe(12);
      expect(rejectedReference(s.ctx.db)).toMatchObject({ revision: 13, reason: expect.stringContaining('no business type TQ-XX') });
      expect((await readReferenceData(s.ctx.db, s.ctx.blobs, 'checklists.json'))?.revision).toBe('12');
      expect((await syncSettingsView(s.ctx)).reference).toMatchObject({ revision: 12, scheme: { version: 2, source: 'central' }, rejected: { revision: 13 } });
      // The refused revision is not fetched again at every pass.
      expect((await sync(s, uri, s3server().endpoint)).errors).toEqual([]);

      // The centre publishes again, fixed: taken, the refusal is cleared; the same scheme adds no version.
      await central.publishReference(14, { 'checklists.json': json(checklists) });
      expect((await sync(s, uri, s3server().endpoint)).reference).toEqual(['checklists.json']);
      expect(rejectedReference(s.ctx.db)).toBeNull();
      expect(localReferenceRevision(s.ctx.db)).toBe(14);
      expect(latestScheme(s).version).toBe(2);
    } finally {
      central.close();
    }
  });

  it('on a folder target: a whole classification scheme, refused while invalid, then taken as published', async () => {
    const dir = await tempDir();
    store = await openFilingStore(dir, 0);
    const s = store;
    const usb = path.join(dir, 'usb');
    await mkdir(path.join(usb, 'config'), { recursive: true });
    const centre = generateSigningKeys('ed25519');
    const publish = async (revision: number, name: string, text: string) => {
      await writeFile(path.join(usb, 'config', name), text);
      const sha256 = createHash('sha256').update(text).digest('hex');
      const index = Buffer.from(json({ format: 'hpf-desk/reference-data', revision, files: [{ name, sha256, size: Buffer.byteLength(text) }] }));
      await writeFile(path.join(usb, 'config', 'index.json'), sealEnvelope(centre, PAYLOAD_TYPES.reference, index));
    };
    const uri = pathToFileURL(usb).href;
    provisionStation(s.ctx.db, centre, { uri, endpoint: null, region: null });
    const shipped = defaultSchemeBody();
    const scheme: SchemeBody = {
      ...shipped,
      name: '某市住房公积金业务档案分类方案（2026）',
      businessTypes: shipped.businessTypes.map((b) => (b.code === 'TQ-GF' ? { ...b, checklists: with2026Checklist(shipped) } : b)),
    };

    await publish(3, 'classification-scheme.json', json({ ...scheme, businessTypes: [{ ...scheme.businessTypes[0]!, class: 'ZZ' }, ...scheme.businessTypes.slice(1)] }));
    const refused = await sync(s, uri);
    expect(refused.errors).toMatchObject([{ code: 'reference_rejected', message: expect.stringContaining('unknown class ZZ') }]);
    expect(s.filing.scheme()).toMatchObject({ version: 1, body: { name: shipped.name } });

    await publish(4, 'classification-scheme.json', '{ not json');
    expect((await sync(s, uri)).errors).toMatchObject([{ code: 'reference_rejected', message: expect.stringContaining('not JSON') }]);

    await publish(5, 'classification-scheme.json', json(scheme));
    const taken = await sync(s, uri);
    expect(taken.errors).toEqual([]);
    expect(s.filing.scheme()).toMatchObject({ version: 2, body: { name: scheme.name } });
    expect(latestScheme(s)).toMatchObject({ source: 'central', reason: expect.stringContaining('revision 5') });
    expect(rejectedReference(s.ctx.db)).toBeNull();
    const item = s.filing.createItem({ batchId: s.batchId, business: 'TQ-GF', businessDate: '2026-03-01', fields: PERSON });
    expect(item.checklist).toBe('2026版');
  });
});
