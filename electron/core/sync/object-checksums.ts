import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** MD5 of local content, hex: what S3 returns as the ETag of a single-part upload. */
export async function md5Of(content: Readable): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of content as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * The ETag S3 gives an object uploaded in parts of `partSize`: the MD5 of the parts' MD5s, then
 * `-<number of parts>`. Computed from our own copy, to compare with what the server reports.
 */
export async function multipartEtagOf(content: Readable, size: number, partSize: number): Promise<string> {
  const parts: Buffer[] = [];
  let part = createHash('md5');
  let inPart = 0;
  for await (const chunk of content as AsyncIterable<Buffer>) {
    for (let at = 0; at < chunk.length; ) {
      const take = Math.min(chunk.length - at, partSize - inPart);
      part.update(chunk.subarray(at, at + take));
      at += take;
      inPart += take;
      if (inPart === partSize) {
        parts.push(part.digest());
        part = createHash('md5');
        inPart = 0;
      }
    }
  }
  if (inPart > 0 || parts.length === 0) parts.push(part.digest());
  const expectedParts = Math.max(1, Math.ceil(size / partSize));
  return `${createHash('md5').update(Buffer.concat(parts)).digest('hex')}-${expectedParts}`;
}
