import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/contract';
import { maskFields } from '../../shared/filing/metadata-rules';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { openCoreContext } from '../../electron/core/open-core';
import { getStation } from '../../electron/core/store/repo/station';
import { openTarget } from '../../electron/core/sync/open-target';
import { rejectedReference } from '../../electron/core/sync/reference-data';
import { MAX_REVISION_STEP } from '../../electron/core/sync/reference-index';
import { syncOnce, type SyncReport } from '../../electron/core/sync/sync-engine';
import { writeSyncSettings } from '../../electron/core/sync/sync-settings';
import { parseTargetUri, saveTarget, TargetError } from '../../electron/core/sync/target-spec';
import { getTransfer, loadPlan } from '../../electron/core/transfer/transfer-store';
import { centreTrust } from '../../electron/core/trust/provisioning';
import { PAYLOAD_TYPES, sealEnvelope } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { CentralArchive, provisionStation } from '../helpers/central-archive';
import { openFilingStore } from '../helpers/filing-store';
import { referenceReceiver } from '../helpers/reference-receiver';
import { json, runCli } from '../helpers/run-cli';
import { BUCKET, useS3Server } from '../helpers/s3-server';
import { storeWithQueuedBatch, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * Issue 13's threat: whoever can write to the bucket or the disk copies the hashes from the bag's
 * own manifest into an "accepted" acknowledgement, or publishes a scheme that unmasks personal
 * data. The station must act only on what its provisioned centre key signed.
 */
const tempDir = useTempDirs();
const s3server = useS3Server();

const PERSON = { 姓名: '张三', 证件号码: '110101199003074573', 金额: '12300' };

describe('a station acts only on what its centre signed', () => {
  it('a forged acknowledgement with the right hashes (unsigned, or signed by another key) is set aside with its reason and nothing is purged', async () => {
    const root = await tempDir();
    const { ctx, batchId } = await storeWithQueuedBatch(root, await writeSyncFixtures(path.join(root, 'in')));
    const central = new CentralArchive(s3server().endpoint, 'trust-ack/');
    const uri = `s3://${BUCKET}/trust-ack`;
    provisionStation(ctx.db, central.signingKeys, { uri, endpoint: s3server().endpoint, region: null });
    writeSyncSettings(ctx.db, { retainDays: 0 });
    const sync = async (): Promise<SyncReport> => {
      const target = openTarget(parseTargetUri(uri, { endpoint: s3server().endpoint }));
      try {
        return await syncOnce(ctx, { target, force: true });
      } finally {
        target.close();
      }
    };
    try {
      expect((await sync()).sent).toEqual([batchId]);
      const original = loadPlan(ctx.db, batchId)!.files.find((f) => f.role === 'original')!;

      for (const forger of [null, generateSigningKeys('ed25519'), generateSigningKeys('sm2')]) {
        await central.acknowledge(batchId, 'accepted', undefined, forger);
        const report = await sync();
        expect(report).toMatchObject({ acknowledged: [], purged: [], errors: [{ batchId, code: 'ack_unsigned' }] });
        expect(getTransfer(ctx.db, batchId)).toMatchObject({ state: 'uploaded', error: { code: 'ack_unsigned' } });
        expect(existsSync(ctx.blobs.pathOf(original.sha256))).toBe(true);
      }
      // The sync view shows why.
      const status: SyncStatus = ctx.sync.status();
      expect(status.transfers[0]?.error?.message).toMatch(/签名无效|set aside/);

      // The real receiver, holding the provisioned key, acknowledges: that one is acted on.
      const centre = referenceReceiver(s3server().endpoint, central.signingKeys, path.join(root, 'catalogue.sqlite'), undefined, 'trust-ack/');
      try {
        expect(await centre.receiver.pass()).toEqual({ acknowledged: 1, skipped: 0 });
      } finally {
        await centre.close();
      }
      expect(await sync()).toMatchObject({ acknowledged: [batchId], purged: [batchId], errors: [] });
      expect(existsSync(ctx.blobs.pathOf(original.sha256))).toBe(false);
    } finally {
      central.close();
      await ctx.close();
    }
  });

  it('a forged scheme is refused and masking is unchanged; a decreasing or absurd revision is refused', async () => {
    const dir = await tempDir();
    const s = await openFilingStore(dir, 0);
    const usb = path.join(dir, 'usb');
    await mkdir(path.join(usb, 'config'), { recursive: true });
    const uri = pathToFileURL(usb).href;
    const centre = generateSigningKeys('sm2');
    provisionStation(s.ctx.db, centre, { uri, endpoint: null, region: null }, 10);
    const shipped = defaultSchemeBody();
    const unmasking = { ...shipped, name: '伪造方案', fields: shipped.fields.map((f) => ({ ...f, pii: false })) };
    const publish = async (revision: number, body: unknown, signer: typeof centre | null) => {
      const text = JSON.stringify(body);
      await writeFile(path.join(usb, 'config', 'classification-scheme.json'), text);
      const index = Buffer.from(JSON.stringify({ format: 'hpf-desk/reference-data', revision, files: [{ name: 'classification-scheme.json', sha256: createHash('sha256').update(text).digest('hex'), size: Buffer.byteLength(text) }] }));
      await writeFile(path.join(usb, 'config', 'index.json'), signer ? sealEnvelope(signer, PAYLOAD_TYPES.reference, index) : index);
    };
    const sync = async (): Promise<SyncReport> => {
      const target = openTarget(parseTargetUri(uri));
      try {
        return await syncOnce(s.ctx, { target, force: true });
      } finally {
        target.close();
      }
    };
    const masked = () => maskFields(s.filing.scheme().body, PERSON);
    try {
      const before = masked();
      expect(before.证件号码).not.toBe(PERSON.证件号码);

      for (const signer of [null, generateSigningKeys('sm2'), generateSigningKeys('ed25519')]) {
        await publish(11, unmasking, signer);
        expect((await sync()).errors).toMatchObject([{ code: 'reference_rejected' }]);
        expect(s.filing.scheme()).toMatchObject({ version: 1, body: { name: shipped.name } });
        expect(masked()).toEqual(before);
        expect(rejectedReference(s.ctx.db)?.reason).toMatch(/未签名|签名无效|no valid signature|not a signed/);
      }
      // The same refused bytes are judged once, not at every pass.
      expect((await sync()).errors).toEqual([]);

      // Signed, but the revision runs back below what the centre said at provisioning, or leaps.
      await publish(9, { ...shipped, name: '旧方案' }, centre);
      expect((await sync()).errors).toMatchObject([{ code: 'reference_rejected', message: expect.stringContaining('older') }]);
      await publish(Number.MAX_SAFE_INTEGER, { ...shipped, name: '钉死的方案' }, centre);
      expect((await sync()).errors).toMatchObject([{ code: 'reference_rejected', message: expect.stringContaining('jumps') }]);
      await publish(10 + MAX_REVISION_STEP + 1, { ...shipped, name: '钉死的方案' }, centre);
      expect((await sync()).errors).toMatchObject([{ code: 'reference_rejected', message: expect.stringContaining('jumps') }]);
      expect(s.filing.scheme().version).toBe(1);

      await publish(12, { ...shipped, name: '中心方案 2026' }, centre);
      expect((await sync()).errors).toEqual([]);
      expect(s.filing.scheme()).toMatchObject({ version: 2, body: { name: '中心方案 2026' } });
      expect(masked()).toEqual(before);
      await publish(11, { ...shipped, name: '回滚' }, centre);
      expect((await sync()).errors).toMatchObject([{ code: 'reference_rejected', message: expect.stringContaining('older') }]);
      expect(s.filing.scheme()).toMatchObject({ version: 2, body: { name: '中心方案 2026' } });
    } finally {
      await s.ctx.close();
    }
  });

  it('plain http outside loopback is refused unless an administrator records an exception, which is audited', async () => {
    const dataDir = path.join(await tempDir(), 'data');
    const ctx = await openCoreContext({ dataDir, workers: 1, actor: 'admin' });
    try {
      const remote = { endpoint: 'http://10.20.30.40:9000' };
      expect(() => saveTarget(ctx.db, 'centre', 's3://archive/branch-07', remote, true)).toThrow(TargetError);
      expect(() => openTarget(parseTargetUri('s3://archive/branch-07', remote))).toThrow(/http/);
      expect(() => saveTarget(ctx.db, 'local', 's3://archive/branch-07', { endpoint: 'http://127.0.0.1:9000' }, false)).not.toThrow();
      expect(() => saveTarget(ctx.db, 'tls', 's3://archive/branch-07', { endpoint: 'https://10.20.30.40:9000' }, false)).not.toThrow();
    } finally {
      await ctx.close();
    }
    expect((await runCli(['sync', '--allow-http', '10.20.30.40', '--data', dataDir])).code).not.toBe(0);
    const allowed = await runCli(['sync', '--allow-http', '10.20.30.40', '--reason', '内网专线，无证书 / private line', '--data', dataDir, '--json']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(json<{ httpExceptions: string[] }>(allowed).httpExceptions).toEqual(['10.20.30.40']);
    const again = await openCoreContext({ dataDir, workers: 1, actor: 'admin' });
    try {
      expect(() => saveTarget(again.db, 'centre', 's3://archive/branch-07', { endpoint: 'http://10.20.30.40:9000' }, true)).not.toThrow();
      const event = again.db.prepare("SELECT data FROM events WHERE kind = 'sync.http_allowed'").pluck().get() as string;
      expect(JSON.parse(event)).toMatchObject({ host: '10.20.30.40', reason: expect.stringContaining('private line') });
    } finally {
      await again.close();
    }
  });

  it('hpf-desk init --provision takes the centre key, the station identity and the target from the centre’s file', async () => {
    const dir = await tempDir();
    const centre = generateSigningKeys('ed25519');
    const file = path.join(dir, 'branch-07.provision.json');
    const provisioning = {
      format: 'hpf-desk/provisioning',
      version: 1,
      centre: { name: '某市住房公积金管理中心档案馆', algorithm: 'ed25519', publicKey: centre.publicKey },
      station: { id: 'S_BRANCH07', name: '七号网点', fonds: 'J017' },
      target: { uri: 's3://central-archive/branch-07', endpoint: 'https://oss.example.cn' },
      referenceRevision: 40,
    };
    await writeFile(file, JSON.stringify(provisioning));
    const dataDir = path.join(dir, 'data');
    const run = await runCli(['init', '--provision', file, '--data', dataDir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run)).toMatchObject({ station: { id: 'S_BRANCH07', name: '七号网点', fonds: 'J017' }, centre: { algorithm: 'ed25519' } });

    // Another station's file is refused by this store.
    await writeFile(file, JSON.stringify({ ...provisioning, station: { ...provisioning.station, id: 'S_BRANCH08' } }));
    const refused = await runCli(['init', '--provision', file, '--data', dataDir]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('S_BRANCH08');
    await writeFile(file, '{"format":"hpf-desk/provisioning"}');
    expect((await runCli(['init', '--provision', file, '--data', path.join(dir, 'other')])).stderr).toContain('invalid provisioning file');

    const ctx = await openCoreContext({ dataDir, workers: 1 });
    try {
      expect(getStation(ctx.db).id).toBe('S_BRANCH07');
      expect(centreTrust(ctx.db)).toMatchObject({ algorithm: 'ed25519', publicKey: centre.publicKey });
      expect(ctx.db.prepare("SELECT uri, endpoint FROM sync_targets WHERE name = 'centre'").get()).toEqual({ uri: 's3://central-archive/branch-07/', endpoint: 'https://oss.example.cn' });
    } finally {
      await ctx.close();
    }
  });
});
