import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BagFile } from '../transfer/bag-layout';
import { createS3Client, hexToBase64, isNotFound, type CredentialLookup, type S3Timeouts } from './s3-client';
import { md5Of, multipartEtagOf } from './object-checksums';
import { MIN_PART_SIZE, putMultipart, type PutReceipt } from './s3-multipart';
import { MAX_SMALL_OBJECT, type LocalContent, type ObjectCheck, type SyncTarget, type TransferIo } from './sync-target';
import { targetId, describeTarget, type TargetSpec } from './target-spec';
import { throttle } from './throttle';
import { transient } from './transfer-errors';

/**
 * How an object is verified after it was sent. `checksum`: the server's answer to the write
 * carries the checksum it computed over what it received — its SHA-256 where it keeps one, else
 * the ETag (MD5, or MD5 of the part MD5s) — and it must equal ours; after a crash the same is
 * asked with HEAD. Anything that does not match, and a server that reports neither, is decided by
 * `content`: reading the whole object back and hashing it. At-rest damage later is caught by the
 * centre's acknowledgement, which carries the centre's own SHA-256 of every file.
 */
export type VerifyMode = 'checksum' | 'content';

export interface S3TargetOptions {
  readonly verify?: VerifyMode;
  readonly timeouts?: S3Timeouts;
  /** Files from this size up go in parts; each part this big (S3's floor is 5 MiB). */
  readonly partSize?: number;
  readonly sockets?: number;
  /** The target's keys (default: the AWS environment variables). */
  readonly credentials?: CredentialLookup;
}

export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;

type S3Spec = Extract<TargetSpec, { kind: 's3' }>;

/** The server's SHA-256 of what it received (where it keeps one), else its ETag, equals ours. */
function receiptMatches(receipt: PutReceipt, file: BagFile): boolean {
  if (receipt.checksumSha256 && !receipt.checksumSha256.includes('-')) return receipt.checksumSha256 === hexToBase64(file.sha256);
  return receipt.expectedEtag !== null && (receipt.etag ?? '').replace(/"/g, '') === receipt.expectedEtag;
}

/** Bags in an S3 bucket: `<prefix>bags/<batch>/<path>`, acks and reference data beside them. */
export function openS3Target(spec: S3Spec, options: S3TargetOptions = {}): SyncTarget {
  const client: S3Client = createS3Client(spec, options.timeouts, options.sockets, options.credentials);
  const partSize = Math.max(MIN_PART_SIZE, options.partSize ?? DEFAULT_PART_SIZE);
  const verify = options.verify ?? 'checksum';
  const bagKey = (batchId: string, path: string) => `${spec.prefix}bags/${batchId}/${path}`;

  /** GET a key; the body is streamed to `sink`; false when there is no such key. */
  async function read(key: string, signal: AbortSignal, sink: (body: Readable) => Promise<void>): Promise<boolean> {
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: spec.bucket, Key: key }), { abortSignal: signal });
      await sink(answer.Body as Readable);
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async function readSmall(key: string, signal: AbortSignal): Promise<Buffer | null> {
    let bytes: Buffer | null = null;
    const found = await read(key, signal, async (body) => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_SMALL_OBJECT) {
          body.destroy();
          throw transient('object_too_large', `${key} is larger than ${MAX_SMALL_OBJECT} bytes`);
        }
        chunks.push(chunk);
      }
      bytes = Buffer.concat(chunks);
    });
    return found ? bytes : null;
  }

  return {
    id: targetId(spec),
    label: describeTarget(spec),
    async put(batchId, file, source, io) {
      const key = bagKey(batchId, file.path);
      let receipt: PutReceipt;
      if (file.size >= partSize) {
        receipt = await putMultipart(client, spec.bucket, key, file, source, partSize, io);
      } else {
        // MD5 on the way out: the ETag the server answers is its MD5 of what it received.
        const md5 = createHash('md5');
        const stream = source.stream();
        stream.on('data', (chunk) => md5.update(chunk));
        const answer = await client.send(
          new PutObjectCommand({
            Bucket: spec.bucket,
            Key: key,
            ContentType: file.mime,
            ContentLength: file.size,
            ChecksumSHA256: hexToBase64(file.sha256),
            Metadata: { sha256: file.sha256 },
            Body: throttle(stream, io.bucket, io.onSent, io.signal),
          }),
          { abortSignal: io.signal },
        );
        receipt = { etag: answer.ETag, checksumSha256: answer.ChecksumSHA256, expectedEtag: md5.digest('hex') };
      }
      return verify === 'checksum' && receiptMatches(receipt, file) ? 'ok' : 'unverified';
    },
    async check(batchId: string, file: BagFile, source: LocalContent, io: TransferIo): Promise<ObjectCheck> {
      if (verify === 'checksum') {
        const quick = await checksumCheck(batchId, file, source, io);
        if (quick !== 'unknown') return quick;
      }
      return contentCheck(batchId, file, io);
    },
    // The commit marker object itself is the commit: nothing to rename in a bucket.
    async commit() {},
    readAck: (batchId, signal) => readSmall(`${spec.prefix}acks/${batchId}.json`, signal),
    readConfig: (name, signal) => readSmall(`${spec.prefix}config/${name}`, signal),
    close: () => client.destroy(),
  };

  /** The server's own checksum against ours; 'unknown' when it has none we can compare (or it differs: then the content decides). */
  async function checksumCheck(batchId: string, file: BagFile, local: LocalContent, io: TransferIo): Promise<ObjectCheck | 'unknown'> {
    let head;
    try {
      head = await client.send(new HeadObjectCommand({ Bucket: spec.bucket, Key: bagKey(batchId, file.path), ChecksumMode: 'ENABLED' }), { abortSignal: io.signal });
    } catch (err) {
      if (isNotFound(err)) return 'missing';
      throw err;
    }
    if (head.ContentLength !== file.size) return 'mismatch';
    if (head.ChecksumSHA256 && head.ChecksumType !== 'COMPOSITE' && !head.ChecksumSHA256.includes('-')) {
      return head.ChecksumSHA256 === hexToBase64(file.sha256) ? 'ok' : 'unknown';
    }
    const etag = (head.ETag ?? '').replace(/"/g, '');
    if (/^[0-9a-f]{32}$/.test(etag)) return etag === (await md5Of(local.stream())) ? 'ok' : 'unknown';
    if (/^[0-9a-f]{32}-\d+$/.test(etag)) return etag === (await multipartEtagOf(local.stream(), file.size, partSize)) ? 'ok' : 'unknown';
    return 'unknown';
  }

  /** Read the whole object back and hash it. */
  async function contentCheck(batchId: string, file: BagFile, io: TransferIo): Promise<ObjectCheck> {
    const hash = createHash('sha256');
    let size = 0;
    const found = await read(bagKey(batchId, file.path), io.signal, async (body) => {
      for await (const chunk of throttle(body, io.bucket, () => undefined, io.signal) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        size += chunk.length;
      }
    });
    if (!found) return 'missing';
    return size === file.size && hash.digest('hex') === file.sha256 ? 'ok' : 'mismatch';
  }
}
