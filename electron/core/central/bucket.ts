import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client, isNotFound } from '../sync/s3-client';
import type { TargetSpec } from '../sync/target-spec';
import { COMMIT_MARKER } from '../transfer/bag-text';

/** A committed bag as the bucket lists it: where, which batch, and which write of its commit marker. */
export interface CommittedBag {
  /** The station's prefix ('' or ending in '/'). */
  readonly prefix: string;
  readonly batchId: string;
  /**
   * The marker's ETag and time: a station writes the marker again after a re-send (contract §3),
   * which is a new version to check even when its bytes are the same. Listings give the time in
   * whole seconds, so the receiver retires a write it rejected (receiver.ts) before the station
   * can hear of it: a re-send is then a marker that was not there, whatever its time.
   */
  readonly version: string;
}

const MARKER = new RegExp(`^(.*?)bags/([^/]+)/${COMMIT_MARKER.replace('.', '\\.')}$`);

export const markerKey = (bag: Pick<CommittedBag, 'prefix' | 'batchId'>): string => `${bag.prefix}bags/${bag.batchId}/${COMMIT_MARKER}`;
export const ackKey = (bag: Pick<CommittedBag, 'prefix' | 'batchId'>): string => `${bag.prefix}acks/${bag.batchId}.json`;

/** The centre's view of one bucket holding every station's prefix. */
export class CentreBucket {
  readonly client: S3Client;

  constructor(readonly spec: Extract<TargetSpec, { kind: 's3' }>) {
    this.client = createS3Client(spec);
  }

  /**
   * Every committed bag under the bucket's prefix, all stations at once. Polling lists the whole
   * bucket; a centre with very many objects reacts to bucket notifications on the marker instead
   * and calls the same receipt for each.
   */
  async committedBags(): Promise<CommittedBag[]> {
    const found: CommittedBag[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.spec.bucket, Prefix: this.spec.prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        const m = MARKER.exec(o.Key ?? '');
        if (m && !m[2]!.endsWith('.partial')) found.push({ prefix: m[1]!, batchId: m[2]!, version: `${(o.ETag ?? '').replace(/"/g, '')}@${o.LastModified?.toISOString() ?? ''}` });
      }
      token = page.NextContinuationToken;
    } while (token);
    return found;
  }

  /** Every object of a bag, by bag path. */
  async bagFiles(bag: Pick<CommittedBag, 'prefix' | 'batchId'>): Promise<Map<string, Buffer>> {
    const base = `${bag.prefix}bags/${bag.batchId}/`;
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.spec.bucket, Prefix: base, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    const files = new Map<string, Buffer>();
    for (const key of keys) {
      const bytes = await this.read(key);
      if (bytes !== null) files.set(key.slice(base.length), bytes);
    }
    return files;
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.spec.bucket, Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async write(key: string, bytes: Buffer, contentType = 'application/json'): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.spec.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }

  /** Remove an object (S3 answers a delete of a missing key as done). */
  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.spec.bucket, Key: key }));
  }

  close(): void {
    this.client.destroy();
  }
}
