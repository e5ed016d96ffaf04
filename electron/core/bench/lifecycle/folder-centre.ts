import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function filesUnder(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesUnder(dir, r)));
    else out.push(r);
  }
  return out.sort();
}

/**
 * What the central archive does with a returned USB disk: hash the bag as found and write the
 * acknowledgement beside it (docs/central-contract.md). Plays the centre for folder targets.
 */
export async function acknowledgeOnDisk(folder: string, batchId: string, archive = '市中心档案馆'): Promise<void> {
  const bag = path.join(folder, 'bags', batchId);
  const files: Record<string, string> = {};
  for (const rel of await filesUnder(bag)) files[rel] = createHash('sha256').update(await readFile(path.join(bag, rel))).digest('hex');
  await mkdir(path.join(folder, 'acks'), { recursive: true });
  await writeFile(
    path.join(folder, 'acks', `${batchId}.json`),
    JSON.stringify({ format: 'hpf-desk/ack', version: 1, batchId, status: 'accepted', receivedAt: new Date().toISOString(), archive, files }),
  );
}
