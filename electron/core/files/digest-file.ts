import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileDigest {
  readonly size: number;
  readonly sha256: string;
  readonly sha512: string;
  /** SM3 (GB/T 32905), the national hash DA/T 97 and the 国密 rules expect beside SHA-256. */
  readonly sm3: string;
  /** The first bytes, for identifying the format by its signature. */
  readonly head: Buffer;
}

const HEAD_BYTES = 1024;

/** SHA-256, SHA-512 and SM3 of a file in one read (BagIt bags carry all three manifests). */
export function digestFile(file: string): Promise<FileDigest> {
  return digestStream(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>);
}

/** Same for content read piece by piece (a stored object as it decrypts). */
export async function digestStream(content: AsyncIterable<Buffer>): Promise<FileDigest> {
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  const sm3 = createHash('sm3');
  let size = 0;
  const heads: Buffer[] = [];
  let headLength = 0;
  for await (const chunk of content) {
    sha256.update(chunk);
    sha512.update(chunk);
    sm3.update(chunk);
    size += chunk.length;
    if (headLength < HEAD_BYTES) {
      heads.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
    }
  }
  return { size, sha256: sha256.digest('hex'), sha512: sha512.digest('hex'), sm3: sm3.digest('hex'), head: Buffer.concat(heads) };
}

/** Same for bytes in memory (generated metadata and tag files). */
export function digestBytes(bytes: Uint8Array): Omit<FileDigest, 'head'> {
  return {
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sha512: createHash('sha512').update(bytes).digest('hex'),
    sm3: createHash('sm3').update(bytes).digest('hex'),
  };
}
