import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { provisionStation, stationOfBag, TEST_CENTRE } from '../../electron/core/bench/lifecycle/folder-centre';
import { ackPayload } from '../../electron/core/sync/acknowledgement';
import { readSeal, SEAL_FILE } from '../../electron/core/transfer/chain-seal';
import { PAYLOAD_TYPES, sealEnvelope } from '../../electron/core/trust/signed-envelope';
import { generateSigningKeys, type KeyPair } from '../../electron/core/trust/signing';
import { BUCKET, CREDENTIALS } from './s3-server';

export { provisionStation };

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The acknowledgement's payload for these files (the SHA-256 of each as received), echoing the seal's chain head unchecked. */
function ackFor(batchId: string, files: ReadonlyMap<string, Buffer>, status: 'accepted' | 'rejected', reason?: string): Buffer {
  const seal = files.get(SEAL_FILE);
  return ackPayload({
    batchId,
    stationId: stationOfBag(files.get('bag-info.txt')?.toString('utf8') ?? ''),
    status,
    receivedAt: new Date().toISOString(),
    archive: TEST_CENTRE,
    files: Object.fromEntries([...files].map(([p, b]) => [p, sha256(b)])),
    ...(reason ? { reason } : {}),
    ...(seal ? { chainHead: readSeal(seal).head } : {}),
  });
}

/**
 * The central archive's side of the contract (docs/central-contract.md), played by a plain S3
 * client: it reads committed bags, hashes what it received and writes signed acknowledgements,
 * and it publishes signed reference data under config/. It also forges (unsigned or signed
 * with another key) for the tests of what a station must refuse.
 */
export class CentralArchive {
  readonly client: S3Client;

  constructor(endpoint: string, readonly prefix: string, readonly signingKeys: KeyPair = generateSigningKeys('ed25519')) {
    this.client = new S3Client({
      endpoint,
      region: CREDENTIALS.AWS_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID, secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async keys(under = ''): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: this.prefix + under, ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    return keys.sort();
  }

  async read(key: string): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  /** Every file of a committed bag, by bag path (null when its commit marker is not there). */
  async bag(batchId: string): Promise<Map<string, Buffer> | null> {
    const base = `${this.prefix}bags/${batchId}/`;
    const keys = await this.keys(`bags/${batchId}/`);
    if (!keys.includes(`${base}tagmanifest-sha256.txt`)) return null;
    const files = new Map<string, Buffer>();
    for (const key of keys) files.set(key.slice(base.length), (await this.read(key))!);
    return files;
  }

  async download(batchId: string, dir: string): Promise<void> {
    const files = await this.bag(batchId);
    if (!files) throw new Error(`bag ${batchId} is not committed`);
    for (const [rel, bytes] of files) {
      const full = path.join(dir, ...rel.split('/'));
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, bytes);
    }
  }

  /** Read the bag and write `acks/<batch>.json`, signed by `signer` (the centre's key unless forging), with the SHA-256 of every file as received. */
  async acknowledge(batchId: string, status: 'accepted' | 'rejected' = 'accepted', reason?: string, signer: KeyPair | null = this.signingKeys): Promise<void> {
    const files = await this.bag(batchId);
    if (!files) throw new Error(`bag ${batchId} is not committed`);
    const payload = ackFor(batchId, files, status, reason);
    await this.put(`acks/${batchId}.json`, signer === null ? payload : sealEnvelope(signer, PAYLOAD_TYPES.ack, payload));
  }

  async put(rel: string, bytes: Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: BUCKET, Key: this.prefix + rel, Body: bytes }));
  }

  /** Publish reference data: the files and config/index.json listing them under `revision`, signed by `signer` (null: unsigned). */
  async publishReference(revision: number, files: Record<string, string>, signer: KeyPair | null = this.signingKeys): Promise<void> {
    const listed = [];
    for (const [name, text] of Object.entries(files)) {
      const bytes = Buffer.from(text);
      await this.put(`config/${name}`, bytes);
      listed.push({ name, sha256: sha256(bytes), size: bytes.length });
    }
    const index = Buffer.from(JSON.stringify({ format: 'hpf-desk/reference-data', revision, files: listed }));
    await this.put('config/index.json', signer === null ? index : sealEnvelope(signer, PAYLOAD_TYPES.reference, index));
  }

  close(): void {
    this.client.destroy();
  }
}
