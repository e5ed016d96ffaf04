import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type _Object, type S3Client } from '@aws-sdk/client-s3';
import { createS3Client, isNotFound } from '../sync/s3-client';
import { describeTarget, type TargetSpec } from '../sync/target-spec';
import { COMMIT_MARKER } from '../transfer/bag-text';
import { markerKey, type CentreStore, type CommittedBag } from './centre-store';

const MARKER = new RegExp(`^(.*?)bags/([^/]+)/${COMMIT_MARKER.replace('.', '\\.')}$`);

/** A marker's version: its ETag and its listed time. */
const versionOf = (o: _Object): string => `${(o.ETag ?? '').replace(/"/g, '')}@${o.LastModified?.toISOString() ?? ''}`;

/** The centre's view of one bucket holding every station's prefix. */
export class CentreBucket implements CentreStore {
  readonly client: S3Client;
  readonly label: string;

  constructor(readonly spec: Extract<TargetSpec, { kind: 's3' }>) {
    this.client = createS3Client(spec);
    this.label = describeTarget(spec);
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
        if (m && !m[2]!.endsWith('.partial')) found.push({ prefix: m[1]!, batchId: m[2]!, version: versionOf(o) });
      }
      token = page.NextContinuationToken;
    } while (token);
    return found;
  }

  /** Listed rather than HEAD: a listing's time is what `committedBags` put in the version (stores give HEAD's coarser). */
  async markerVersion(bag: Pick<CommittedBag, 'prefix' | 'batchId'>): Promise<string | null> {
    const key = markerKey(bag);
    const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.spec.bucket, Prefix: key, MaxKeys: 10 }));
    const marker = (page.Contents ?? []).find((o) => o.Key === key);
    return marker ? versionOf(marker) : null;
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

  async write(key: string, bytes: Buffer): Promise<void> {
    // Acknowledgements and reference data: JSON documents (DSSE envelopes among them).
    await this.client.send(new PutObjectCommand({ Bucket: this.spec.bucket, Key: key, Body: bytes, ContentType: 'application/json' }));
  }

  /** Remove an object (S3 answers a delete of a missing key as done). */
  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.spec.bucket, Key: key }));
  }

  close(): void {
    this.client.destroy();
  }
}
