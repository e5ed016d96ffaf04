import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../electron/core/open-core';
import { environmentCredentials } from '../../electron/core/sync/credentials';
import { openTarget } from '../../electron/core/sync/open-target';
import { syncOnce } from '../../electron/core/sync/sync-engine';
import { parseTargetUri, saveTarget } from '../../electron/core/sync/target-spec';
import { getTransfer, loadPlan, type TransferRow } from '../../electron/core/transfer/transfer-store';
import { untilReady } from '../helpers/core-events';
import { BUCKET, CREDENTIALS, TestS3Server } from '../helpers/s3-server';
import { copyStore, queuedStoreTemplate, writeSyncFixtures } from '../helpers/sync-store';
import { useTempDirs } from '../helpers/temp-dir';
import { adminDispatch } from '../helpers/desk-session';

/*
 * Keys come from the station's credential provider, never from the SDK's default chain: these
 * tests run with no AWS_* variables at all, so a key that reaches s3rver came from the provider.
 */

const tempDir = useTempDirs();
let server: TestS3Server;
let fixtures: string;
let template: string;

beforeAll(async () => {
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'HPF_DESK_CREDENTIALS']) delete process.env[name];
  process.env.AWS_REGION = CREDENTIALS.AWS_REGION;
  server = await TestS3Server.start();
  fixtures = await mkdtemp(path.join(os.tmpdir(), 'hpf-sync-keys-'));
  const files = await writeSyncFixtures(path.join(fixtures, 'in'));
  template = await queuedStoreTemplate(path.join(fixtures, 'station'), files.slice(0, 3));
}, 120_000);
afterAll(async () => {
  await server.stop();
  await rm(fixtures, { recursive: true, force: true });
});

/** Resolves once `done` holds for the batch's transfer, checked at every change the core announces. */
function until(ctx: CoreContext, batchId: string, done: (t: TransferRow) => boolean): Promise<TransferRow> {
  return untilReady(
    ctx,
    () => {
      const t = getTransfer(ctx.db, batchId)!;
      return done(t) ? t : undefined;
    },
    (event) => event.type === 'batch.changed' && event.batchId === batchId,
  );
}

describe('sync credentials', () => {
  it('the app’s sender signs with the provider’s keys for the saved target; refused keys are an auth error kept in the queue, new keys send it', async () => {
    // s3rver checks the key id, not the SigV4 signature: a key it does not know is the refusal here
    // (SignatureDoesNotMatch and AccessDenied are sorted the same way: sync-logic.test.ts).
    const env: Record<string, string> = { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWN', AWS_SECRET_ACCESS_KEY: 'not-the-secret' };
    const { ctx, batchId } = await copyStore(template, await tempDir(), { credentials: environmentCredentials({ env }) });
    try {
      saveTarget(ctx.db, '中心', `s3://${BUCKET}/keys-app`, { endpoint: server.endpoint }, true);
      ctx.sync.start();
      const refused = await until(ctx, batchId, (t) => t.error !== null);
      expect(refused).toMatchObject({ state: 'queued', attempts: 1, error: { kind: 'transient', code: 'auth' } });
      expect(refused.error!.message).toMatch(/InvalidAccessKeyId/);
      expect(Date.parse(refused.nextAttemptAt!)).toBeGreaterThan(Date.now());
      expect(ctx.sync.status().transfers[0]).toMatchObject({ state: 'queued', error: { code: 'auth' } });

      // Asked again with the same keys: refused again, still waiting in the queue.
      ctx.sync.kick(true);
      expect(await until(ctx, batchId, (t) => t.attempts === 2)).toMatchObject({ state: 'queued', error: { code: 'auth' } });

      // The administrator puts the right keys in place: the batch goes without a manual retry.
      env.AWS_ACCESS_KEY_ID = CREDENTIALS.AWS_ACCESS_KEY_ID;
      env.AWS_SECRET_ACCESS_KEY = CREDENTIALS.AWS_SECRET_ACCESS_KEY;
      ctx.sync.kick(true);
      expect(await until(ctx, batchId, (t) => t.state === 'uploaded')).toMatchObject({ error: null, attempts: 0 });
      const plan = loadPlan(ctx.db, batchId)!;
      expect(server.exactlyOnceProblems(`keys-app/bags/${batchId}/`, plan.files)).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('the CLI’s credentials file: no keys, then a file others can read, then mode 600 — each a clear state, never a crash', async () => {
    const dir = await tempDir();
    const { ctx, batchId } = await copyStore(template, dir);
    const file = path.join(dir, 'credentials');
    const pass = async (provider: ReturnType<typeof environmentCredentials>) => {
      const target = openTarget(parseTargetUri(`s3://${BUCKET}/keys-cli`, { endpoint: server.endpoint }), { credentials: () => provider.get(null) });
      try {
        return await syncOnce(ctx, { target, force: true });
      } finally {
        target.close();
      }
    };
    try {
      const none = await pass(environmentCredentials({ env: {} }));
      expect(none.errors.map((e) => [e.batchId, e.code])).toEqual([[null, 'no_credentials'], [batchId, 'no_credentials']]);
      expect(none.errors[0]!.message).toMatch(/AWS_ACCESS_KEY_ID/);
      expect(getTransfer(ctx.db, batchId)).toMatchObject({ state: 'queued', error: { code: 'no_credentials' } });

      await writeFile(file, `[default]\naws_access_key_id = ${CREDENTIALS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${CREDENTIALS.AWS_SECRET_ACCESS_KEY}\n`);
      await chmod(file, 0o644);
      const open = await pass(environmentCredentials({ env: {}, file }));
      expect(open.errors.map((e) => e.code)).toEqual(['credentials_file', 'credentials_file']);
      expect(getTransfer(ctx.db, batchId)?.error?.message).toMatch(/chmod 600/);

      await chmod(file, 0o600);
      const sent = await pass(environmentCredentials({ env: {}, file }));
      expect(sent.errors).toEqual([]);
      expect(sent.sent).toEqual([batchId]);
      expect(getTransfer(ctx.db, batchId)).toMatchObject({ state: 'uploaded', error: null });
    } finally {
      await ctx.close();
    }
  });

  it('the settings screen in browser mode: target and policy are saved, keys are refused with where they come from', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG' };
    const { ctx } = await copyStore(template, await tempDir(), { credentials: environmentCredentials({ env }) });
    const dispatch = await adminDispatch(ctx);
    try {
      const request = { name: '中心', uri: `s3://${BUCKET}/branch-07`, endpoint: server.endpoint, region: 'cn-east-1', pathStyle: true, bandwidth: 2 * 1024 * 1024, retainDays: 30 };
      const withKeys = await dispatch('sync.configure', { ...request, credentials: { accessKeyId: 'AKIANEW', secretAccessKey: 'new-secret' } });
      expect(withKeys).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/AWS_ACCESS_KEY_ID/) } });
      expect((await dispatch('sync.settings', {}) as { value: { target: unknown } }).value.target).toBeNull();

      const saved = await dispatch('sync.configure', request);
      expect(saved).toMatchObject({
        ok: true,
        value: {
          target: { name: '中心', uri: `s3://${BUCKET}/branch-07/`, endpoint: server.endpoint, region: 'cn-east-1', pathStyle: true },
          bandwidth: 2 * 1024 * 1024,
          retainDays: 30,
          credentials: { source: 'environment', canStore: false, accessKeyId: 'AKIA…MPLE', problem: null },
        },
      });
      expect(JSON.stringify(saved)).not.toContain(env.AWS_SECRET_ACCESS_KEY);
      expect(await dispatch('sync.configure', { ...request, uri: 'ftp://elsewhere' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(ctx.sync.status().target).toEqual({ name: '中心', uri: `s3://${BUCKET}/branch-07/` });
    } finally {
      await ctx.close();
    }
  });
});
