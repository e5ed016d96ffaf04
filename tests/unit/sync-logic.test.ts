import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { judgeAck } from '../../electron/core/sync/acknowledgement';
import { PAYLOAD_TYPES, sealEnvelope } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys } from '../../electron/core/trust/signing';
import { parseBandwidth } from '../../electron/core/sync/sync-settings';
import { parseTargetUri, targetId, TargetError } from '../../electron/core/sync/target-spec';
import { TokenBucket } from '../../electron/core/sync/throttle';
import { classifyError, transient } from '../../electron/core/sync/transfer-errors';
import type { BagPlan } from '../../electron/core/transfer/bag-layout';
import { canMove } from '../../electron/core/transfer/transfer-store';
import { backoffDelay } from '../../shared/logic/backoff';

describe('bandwidth cap (token bucket)', () => {
  it('lets a burst through, then spaces bytes at the rate, debts included', () => {
    let now = 0;
    const bucket = new TokenBucket(1024 * 1024, () => now);
    expect(bucket.burst).toBe(256 * 1024);
    expect(bucket.reserve(256 * 1024)).toBe(0);
    expect(bucket.reserve(512 * 1024)).toBe(500);
    // The next caller queues behind the debt.
    expect(bucket.reserve(256 * 1024)).toBe(750);
    now += 1000;
    expect(bucket.reserve(0)).toBe(0);
    now += 10_000;
    // Idle time refills only up to the burst, never a whole minute's worth.
    expect(bucket.reserve(512 * 1024)).toBe(250);
  });

  it('does not wait without a cap, and a new rate applies at once', () => {
    let now = 0;
    const bucket = new TokenBucket(0, () => now);
    expect(bucket.reserve(1e9)).toBe(0);
    bucket.setRate(64 * 1024);
    expect(bucket.reserve(16 * 1024)).toBe(0);
    expect(bucket.reserve(64 * 1024)).toBe(1000);
  });

  it('reads caps as operators write them', () => {
    expect(parseBandwidth('2M')).toBe(2 * 1024 * 1024);
    expect(parseBandwidth('500K')).toBe(500 * 1024);
    expect(parseBandwidth('1.5MB/s')).toBe(1.5 * 1024 * 1024);
    expect(parseBandwidth('0')).toBe(0);
    expect(parseBandwidth('fast')).toBeNull();
  });
});

describe('retries', () => {
  it('back off exponentially with jitter, capped', () => {
    expect(backoffDelay(0, () => 1, 5000, 900_000)).toBe(5000);
    expect(backoffDelay(3, () => 1, 5000, 900_000)).toBe(40_000);
    expect(backoffDelay(3, () => 0, 5000, 900_000)).toBe(32_000);
    expect(backoffDelay(30, () => 1, 5000, 900_000)).toBe(900_000);
  });

  it('sort errors into retry-later and stop-with-reason', () => {
    const s3 = (name: string, status: number) => Object.assign(new Error(name), { name, Code: name, $metadata: { httpStatusCode: status } });
    expect(classifyError(s3('NoSuchBucket', 404))).toMatchObject({ kind: 'permanent', code: 's3_NoSuchBucket' });
    expect(classifyError(s3('AccessDenied', 403))).toMatchObject({ kind: 'transient', code: 'auth' });
    expect(classifyError(s3('SignatureDoesNotMatch', 403))).toMatchObject({ kind: 'transient', code: 'auth' });
    expect(classifyError(s3('SlowDown', 503))).toMatchObject({ kind: 'transient', code: 's3_SlowDown' });
    expect(classifyError(s3('BadDigest', 400))).toMatchObject({ kind: 'transient' });
    expect(classifyError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'transient', code: 'network' });
    expect(classifyError(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toMatchObject({ kind: 'transient', code: 'timeout' });
    expect(classifyError(Object.assign(new Error('full'), { code: 'ENOSPC' }))).toMatchObject({ kind: 'transient', code: 'target_full' });
    expect(classifyError(Object.assign(new Error('ro'), { code: 'EROFS' }))).toMatchObject({ kind: 'permanent', code: 'target_read_only' });
    expect(classifyError(Object.assign(new Error('no'), { name: 'CredentialsProviderError' }))).toMatchObject({ kind: 'transient', code: 'no_credentials' });
    expect(classifyError(transient('verify_mismatch', 'x'))).toEqual({ kind: 'transient', code: 'verify_mismatch', message: 'x' });
  });
});

describe('transfer state machine', () => {
  it('moves forward only, back only where a re-send or a retry needs it', () => {
    expect(canMove('queued', 'packaging')).toBe(true);
    expect(canMove('queued', 'uploading')).toBe(false);
    expect(canMove('uploading', 'acknowledged')).toBe(false);
    expect(canMove('uploaded', 'uploading')).toBe(true);
    expect(canMove('acknowledged', 'purged')).toBe(true);
    expect(canMove('acknowledged', 'uploading')).toBe(false);
    expect(canMove('failed', 'checked')).toBe(true);
    for (const to of ['queued', 'uploading', 'failed', 'acknowledged'] as const) expect(canMove('purged', to)).toBe(false);
  });
});

describe('sync targets', () => {
  it('parse s3:// and file:// URIs, and refuse the rest with the reason', () => {
    expect(parseTargetUri('s3://central-archive/branch-07/in', { endpoint: 'http://127.0.0.1:9000/' })).toEqual({
      kind: 's3', bucket: 'central-archive', prefix: 'branch-07/in/', endpoint: 'http://127.0.0.1:9000', region: null, pathStyle: true,
    });
    expect(parseTargetUri('s3://bucket')).toMatchObject({ prefix: '', endpoint: null, pathStyle: false });
    expect(parseTargetUri('file:///media/usb')).toEqual({ kind: 'folder', root: '/media/usb' });
    expect(() => parseTargetUri('ftp://x/y')).toThrow(TargetError);
    expect(() => parseTargetUri('s3://Bad_Bucket/x')).toThrow(/bucket/);
    expect(() => parseTargetUri('s3://bucket/a/../b')).toThrow(TargetError);
    expect(() => parseTargetUri('s3://bucket/x', { endpoint: 'ftp://host' })).toThrow(/endpoint/);
    expect(targetId(parseTargetUri('s3://bucket/p', { endpoint: 'http://a:1' }))).not.toBe(targetId(parseTargetUri('s3://bucket/p', { endpoint: 'http://b:1' })));
  });
});

describe('acknowledgements are checked against our own hashes', () => {
  const sha = (s: string) => createHash('sha256').update(s).digest('hex');
  const plan: BagPlan = {
    batchId: 'B1',
    baggingDate: '2025-06-01',
    payloadBytes: 2,
    payloadFiles: 1,
    commitSha256: sha('t'),
    files: [
      { path: 'data/a.jpg', role: 'image', sha256: sha('a'), sha512: '0'.repeat(128), sm3: '0'.repeat(64), size: 1, mime: 'image/jpeg' },
      { path: 'tagmanifest-sha256.txt', role: 'tag', sha256: sha('t'), sha512: '0'.repeat(128), sm3: '0'.repeat(64), size: 1, mime: 'text/plain' },
    ],
  };
  const centre = generateSigningKeys('ed25519');
  const trust = { centre, stationId: 'S1', chainHead: null };
  const payload = (over: Record<string, unknown>) =>
    Buffer.from(JSON.stringify({ format: 'hpf-desk/ack', version: 2, batchId: 'B1', stationId: 'S1', status: 'accepted', receivedAt: 't', archive: 'c', files: { 'data/a.jpg': sha('a'), 'tagmanifest-sha256.txt': sha('t') }, ...over }));
  const ack = (over: Record<string, unknown>) => sealEnvelope(centre, PAYLOAD_TYPES.ack, payload(over));

  it('accepts only a complete, matching acceptance signed by the centre', () => {
    expect(judgeAck(ack({}), plan, trust).kind).toBe('accepted');
  });

  it('sets aside an acknowledgement with the right hashes but no signature, another key\'s, another document\'s, or while no key is provisioned', () => {
    const unsigned = { kind: 'invalid', code: 'ack_unsigned' };
    expect(judgeAck(payload({}), plan, trust)).toMatchObject(unsigned);
    expect(judgeAck(sealEnvelope(generateSigningKeys('ed25519'), PAYLOAD_TYPES.ack, payload({})), plan, trust)).toMatchObject(unsigned);
    expect(judgeAck(sealEnvelope(centre, PAYLOAD_TYPES.reference, payload({})), plan, trust)).toMatchObject(unsigned);
    expect(judgeAck(ack({}), plan, { ...trust, centre: null })).toMatchObject(unsigned);
    // A signature kept while the payload is swapped for another one.
    const tampered = JSON.parse(ack({}).toString('utf8')) as { payload: string };
    tampered.payload = payload({ archive: 'forger' }).toString('base64');
    expect(judgeAck(Buffer.from(JSON.stringify(tampered)), plan, trust)).toMatchObject(unsigned);
  });

  it('asks for a re-send of files the centre lacks or read differently', () => {
    expect(judgeAck(ack({ files: { 'data/a.jpg': sha('x'), 'tagmanifest-sha256.txt': sha('t') } }), plan, trust)).toMatchObject({ kind: 'resend', paths: ['data/a.jpg'] });
    expect(judgeAck(ack({ status: 'rejected', files: { 'tagmanifest-sha256.txt': sha('t') } }), plan, trust)).toMatchObject({ kind: 'resend', paths: ['data/a.jpg'] });
  });

  it('stops on a refusal, and ignores what is not an acknowledgement of this station\'s bag', () => {
    expect(judgeAck(ack({ status: 'rejected', reason: '缺少档号' }), plan, trust)).toEqual({ kind: 'rejected', reason: '缺少档号' });
    expect(judgeAck(ack({ files: { 'data/a.jpg': sha('a'), 'tagmanifest-sha256.txt': sha('t'), 'data/b.jpg': sha('b') } }), plan, trust).kind).toBe('rejected');
    expect(judgeAck(ack({ batchId: 'B2' }), plan, trust)).toMatchObject({ kind: 'invalid', code: 'ack_invalid' });
    expect(judgeAck(ack({ stationId: 'S2' }), plan, trust)).toMatchObject({ kind: 'invalid', code: 'ack_invalid' });
    expect(judgeAck(sealEnvelope(centre, PAYLOAD_TYPES.ack, Buffer.from('{"format":"other"}')), plan, trust)).toMatchObject({ kind: 'invalid', code: 'ack_invalid' });
    expect(judgeAck(Buffer.from('not json'), plan, trust).kind).toBe('invalid');
  });

  it('takes an acceptance of a sealed bag only when it echoes the chain head the seal carried', () => {
    const head = { id: 7, hash: sha('e7') };
    const sealed = { ...trust, chainHead: head };
    expect(judgeAck(ack({ chainHead: head }), plan, sealed).kind).toBe('accepted');
    expect(judgeAck(ack({}), plan, sealed)).toMatchObject({ kind: 'invalid', code: 'ack_invalid' });
    expect(judgeAck(ack({ chainHead: { id: 7, hash: sha('other') } }), plan, sealed)).toMatchObject({ kind: 'invalid', code: 'ack_invalid' });
    expect(judgeAck(ack({ chainHead: { id: 6, hash: head.hash } }), plan, sealed)).toMatchObject({ kind: 'invalid', code: 'ack_invalid' });
  });
});
