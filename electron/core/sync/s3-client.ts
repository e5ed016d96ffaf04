import http from 'node:http';
import https from 'node:https';
import { S3Client } from '@aws-sdk/client-s3';
import type { TargetSpec } from './target-spec';

export interface S3Timeouts {
  /** Give up on connecting after this long. */
  readonly connectMs: number;
  /** Give up on a request whose socket has been silent this long (a stalled server). */
  readonly idleMs: number;
}

export const DEFAULT_TIMEOUTS: S3Timeouts = { connectMs: 10_000, idleMs: 60_000 };

type S3Spec = Extract<TargetSpec, { kind: 's3' }>;

/**
 * A plain S3 client: path-style when asked, SigV4, nothing vendor-specific, so MinIO, Ceph RGW
 * and cloud stores all take it. The sender does its own retries (bodies are streams that cannot
 * be replayed), so the SDK makes one attempt. Checksums are ours: each body carries its SHA-256
 * as `x-amz-checksum-sha256` and as the signed payload hash `x-amz-content-sha256`, which every
 * SigV4 server checks against the bytes it received; the SDK's own CRC trailers (aws-chunked
 * bodies that older servers reject) are turned off.
 */
export function createS3Client(spec: S3Spec, timeouts: S3Timeouts = DEFAULT_TIMEOUTS, sockets = 8): S3Client {
  const agentOptions = { keepAlive: true, maxSockets: sockets };
  const client = new S3Client({
    region: spec.region ?? process.env.AWS_REGION ?? 'us-east-1',
    ...(spec.endpoint === null ? {} : { endpoint: spec.endpoint }),
    forcePathStyle: spec.pathStyle,
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
