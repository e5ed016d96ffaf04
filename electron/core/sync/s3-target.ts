import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { BagFile } from '../transfer/bag-plan';
import { createS3Client, hexToBase64, isNotFound, type S3Timeouts } from './s3-client';
import { MIN_PART_SIZE, putMultipart } from './s3-multipart';
import { MAX_SMALL_OBJECT, type ObjectCheck, type SyncTarget, type TransferIo } from './sync-target';
import { targetId, describeTarget, type TargetSpec } from './target-spec';
import { throttle } from './throttle';
import { transient } from './transfer-errors';

export interface S3TargetOptions {
  readonly timeouts?: S3Timeouts;
  /** Files from this size up go in parts; each part this big (S3's floor is 5 MiB). */
  readonly partSize?: number;
  readonly sockets?: number;
}

export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;

type S3Spec = Extract<TargetSpec, { kind: 's3' }>;

/** Bags in an S3 bucket: `<prefix>bags/<batch>/<path>`, acks and reference data beside them. */
export function openS3Target(spec: S3Spec, options: S3TargetOptions = {}): SyncTarget {
  const client: S3Client = createS3Client(spec, options.timeouts, options.sockets);
  const partSize = Math.max(MIN_PART_SIZE, options.partSize ?? DEFAULT_PART_SIZE);
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
      if (file.size >= partSize) return putMultipart(client, spec.bucket, key, file, source, partSize, io);
      await client.send(
        new PutObjectCommand({
          Bucket: spec.bucket,
          Key: key,
          ContentType: file.mime,
          ContentLength: file.size,
          ChecksumSHA256: hexToBase64(file.sha256),
          Metadata: { sha256: file.sha256 },
          Body: throttle(createReadStream(source), io.bucket, io.onSent, io.signal),
        }),
        { abortSignal: io.signal },
      );
    },
    async check(batchId: string, file: BagFile, io: TransferIo): Promise<ObjectCheck> {
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
    },
    // The commit marker object itself is the commit: nothing to rename in a bucket.
    async commit() {},
    readAck: (batchId, signal) => readSmall(`${spec.prefix}acks/${batchId}.json`, signal),
    readConfig: (name, signal) => readSmall(`${spec.prefix}config/${name}`, signal),
    close: () => client.destroy(),
  };
}
