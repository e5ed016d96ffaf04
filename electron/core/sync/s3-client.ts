import http from 'node:http';
import https from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import { environmentCredentials, type S3Credentials } from './credentials';
import type { TargetSpec } from './target-spec';
import { transient, TransferFailure } from './transfer-errors';

export interface S3Timeouts {
  /** Give up on connecting after this long. */
  readonly connectMs: number;
  /** Give up on a request whose socket has been silent this long (a stalled server). */
  readonly idleMs: number;
}

export const DEFAULT_TIMEOUTS: S3Timeouts = { connectMs: 10_000, idleMs: 60_000 };

type S3Spec = Extract<TargetSpec, { kind: 's3' }>;

/** The keys for one target, looked up when the client first signs a request; null when there are none. */
export type CredentialLookup = () => Promise<S3Credentials | null>;

const fromEnvironment: CredentialLookup = () => environmentCredentials().get(null);

/**
 * A plain S3 client: path-style when asked, SigV4, nothing vendor-specific, so MinIO, Ceph RGW
 * and cloud stores all take it. The sender does its own retries (bodies are streams that cannot
 * be replayed), so the SDK makes one attempt. Checksums are ours: each body carries its SHA-256
 * as `x-amz-checksum-sha256` and as the signed payload hash `x-amz-content-sha256`, which every
 * SigV4 server checks against the bytes it received; the SDK's own CRC trailers (aws-chunked
 * bodies that older servers reject) are turned off. Keys come from the station's credential
 * provider only (see credentials.ts), never from the SDK's default chain.
 */
export function createS3Client(spec: S3Spec, timeouts: S3Timeouts = DEFAULT_TIMEOUTS, sockets = 8, credentials: CredentialLookup = fromEnvironment): S3Client {
  const agentOptions = { keepAlive: true, maxSockets: sockets };
  const client = new S3Client({
    region: spec.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(spec.endpoint === null ? {} : { endpoint: spec.endpoint }),
    forcePathStyle: spec.pathStyle,
    credentials: async () => {
      const found = await credentials().catch((err: unknown) => {
        if (err instanceof TransferFailure) throw err;
        throw transient('no_credentials', `无法读取访问凭据 / cannot read the credentials: ${err instanceof Error ? err.message : String(err)}`);
      });
      if (!found) {
        throw transient('no_credentials', '没有访问凭据：请在“同步设置”中填写，或设置 AWS_ACCESS_KEY_ID 与 AWS_SECRET_ACCESS_KEY，或用 --credentials 指定凭据文件 / no credentials: enter them in the sync settings, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give --credentials FILE');
      }
      return found;
    },
    maxAttempts: 1,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      connectionTimeout: timeouts.connectMs,
      socketTimeout: timeouts.idleMs,
      httpAgent: new http.Agent(agentOptions),
      httpsAgent: new https.Agent(agentOptions),
    },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { ChecksumSHA256?: string };
      const request = args.request as { headers?: Record<string, string> };
      if (input.ChecksumSHA256 && request.headers && context.commandName !== 'CompleteMultipartUploadCommand') {
        request.headers['x-amz-content-sha256'] = Buffer.from(input.ChecksumSHA256, 'base64').toString('hex');
      }
      return next(args);
    },
    { step: 'build', name: 'hpfPayloadSha256', priority: 'low' },
  );
  return client;
}

export const hexToBase64 = (hex: string): string => Buffer.from(hex, 'hex').toString('base64');

/** The S3 error name for a missing key or bucket (HEAD has no body, so only the status says it). */
export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.Code === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}
