import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { BagFile } from '../transfer/bag-layout';
import type { LocalContent, TransferIo } from './sync-target';
import { throttle } from './throttle';
import { transient } from './transfer-errors';

/** What the server answered to a write, and the ETag we expect from our own copy. */
export interface PutReceipt {
  readonly etag: string | undefined;
  readonly checksumSha256: string | undefined;
  readonly expectedEtag: string | null;
}

/** S3's floor for every part but the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;


const unquote = (etag: string | undefined): string => (etag ?? '').replace(/"/g, '');

/**
 * Upload a large file in parts, resuming from the parts the server already confirmed (kept in
 * the ledger under the upload id). A part counts as confirmed when the server's ETag equals our
 * MD5 of the part, which S3, MinIO and Ceph all return for unencrypted parts; an ETag of another
 * shape (server-side encryption) is accepted and left to the read-back of the whole object.
 */
export async function putMultipart(
  client: S3Client,
  bucket: string,
  key: string,
  file: BagFile,
  source: LocalContent,
  partSize: number,
  io: TransferIo,
): Promise<PutReceipt> {
  const { ledger, signal } = io;
  let uploadId = ledger.states().get(file.path)?.uploadId ?? null;
  if (uploadId === null) {
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: file.mime, ChecksumAlgorithm: 'SHA256', Metadata: { sha256: file.sha256 } }),
      { abortSignal: signal },
    );
    if (!created.UploadId) throw transient('s3_no_upload_id', 'the server returned no upload id');
    uploadId = created.UploadId;
    ledger.setUploadId(file.path, uploadId);
  }
  const confirmed = ledger.parts(file.path, uploadId);
  const count = Math.max(1, Math.ceil(file.size / partSize));
  const parts: Array<{ PartNumber: number; ETag: string; ChecksumSHA256: string }> = [];
  for (let n = 1; n <= count; n++) {
    const start = (n - 1) * partSize;
    const length = Math.min(partSize, file.size - start);
    const known = confirmed.get(n);
    if (known && known.size === length) {
      io.onSent(length);
      parts.push({ PartNumber: n, ETag: `"${known.etag}"`, ChecksumSHA256: known.sha256 });
      continue;
    }
    const bytes = await source.range(start, length);
    if (bytes.length !== length) throw new Error(`short read of ${file.path} at ${start}`);
    const md5 = createHash('md5').update(bytes).digest('hex');
    const sha256 = createHash('sha256').update(bytes).digest('base64');
    const answer = await client.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: n,
        ContentLength: length,
        ChecksumSHA256: sha256,
        Body: throttle(Readable.from([bytes]), io.bucket, io.onSent, signal),
      }),
      { abortSignal: signal },
    );
    const etag = unquote(answer.ETag);
    if (/^[0-9a-f]{32}$/.test(etag) && etag !== md5) {
      throw transient('part_corrupted', `part ${n} of ${file.path} arrived altered (ETag ${etag}, sent MD5 ${md5})`);
    }
    ledger.savePart(file.path, uploadId, { partNumber: n, etag, size: length, sha256 });
    parts.push({ PartNumber: n, ETag: `"${etag}"`, ChecksumSHA256: sha256 });
  }
  // The ETag S3 gives the whole object: MD5 of the parts' MD5s (known when every part's ETag was one).
  const partMd5s = parts.map((p) => p.ETag.replace(/"/g, ''));
  const expectedEtag = partMd5s.every((e) => /^[0-9a-f]{32}$/.test(e))
    ? `${createHash('md5').update(Buffer.concat(partMd5s.map((e) => Buffer.from(e, 'hex')))).digest('hex')}-${parts.length}`
    : null;
  try {
    const done = await client.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
      { abortSignal: signal },
    );
    return { etag: done.ETag, checksumSha256: done.ChecksumSHA256, expectedEtag };
  } catch (err) {
    const name = (err as { name?: string }).name;
    if (name === 'NoSuchUpload' || name === 'InvalidPart' || name === 'InvalidPartOrder') {
      // Expired (a lifecycle rule after days offline) or already completed by a run that was
      // killed before recording it: forget the upload id; the read-back decides what happens next.
      ledger.setUploadId(file.path, null);
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })).catch(() => undefined);
      throw transient('upload_restart', `multipart upload of ${file.path} is gone on the server (${name}); it is checked and sent again`);
    }
    throw err;
  }
}
