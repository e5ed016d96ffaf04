import { createHash } from 'node:crypto';
import { manifestText } from '../transfer/bag-text';

/**
 * The same batch as another station would bag it: its own Station-Id in bag-info.txt and the tag
 * manifest made again (the payload is shared). Many stations' worth of valid bags without
 * importing each one, for the receiver's tests and benchmark.
 */
export function asStation(bag: ReadonlyMap<string, Buffer>, stationId: string): Map<string, Buffer> {
  const files = new Map(bag);
  const info = files.get('bag-info.txt')!.toString('utf8').replace(/^Station-Id: .*$/m, `Station-Id: ${stationId}`);
  files.set('bag-info.txt', Buffer.from(info));
  const tags = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt'];
  files.set('tagmanifest-sha256.txt', Buffer.from(manifestText(tags.map((p) => ({ path: p, digest: createHash('sha256').update(files.get(p)!).digest('hex') })))));
  return files;
}
