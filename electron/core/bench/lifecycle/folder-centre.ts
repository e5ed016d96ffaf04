import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../store/open-database';
import { getStation } from '../../store/repo/station';
import { ackPayload } from '../../sync/acknowledgement';
import { applyProvisioning, type ProvisioningFile } from '../../trust/provisioning';
import { PAYLOAD_TYPES, sealEnvelope } from '../../trust/signed-envelope';
import type { EncryptionKeyRef } from '../../trust/carrier-keys';
import type { KeyPair } from '../../trust/signing';
import { readSeal, SEAL_FILE } from '../../transfer/chain-seal';

export const TEST_CENTRE = '市中心档案馆';

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
 * Give a store a centre's public key (and its encryption key, when it has one) and a target, as
 * `hpf-desk init --provision` does with the centre's file: the one way the benches and tests that play a centre make a station that acts
 * on their signed acknowledgements.
 */
export function provisionStation(db: Db, centre: KeyPair & { readonly encryption?: EncryptionKeyRef | null }, target: ProvisioningFile['target'], referenceRevision = 0): void {
  const encryptionKey = centre.encryption && { algorithm: centre.encryption.algorithm, publicKey: centre.encryption.publicKey };
  applyProvisioning(db, 'admin', {
    format: 'hpf-desk/provisioning',
    version: 1,
    centre: { name: TEST_CENTRE, algorithm: centre.algorithm, publicKey: centre.publicKey, ...(encryptionKey ? { encryptionKey } : {}) },
    station: getStation(db),
    target,
    referenceRevision,
  });
}

/** The Station-Id a bag's bag-info.txt names. */
export function stationOfBag(bagInfo: string): string {
  const line = /^Station-Id:\s*(.+)$/m.exec(bagInfo);
  if (!line) throw new Error('bag-info.txt names no Station-Id');
  return line[1]!.trim();
}

/**
 * What the central archive does with a returned USB disk: hash the bag as found and write the
 * acknowledgement, signed by `centre` and echoing the seal's chain head, beside it
 * (docs/central-contract.md). Plays the centre for folder targets; it trusts the seal unchecked.
 */
export async function acknowledgeOnDisk(folder: string, batchId: string, centre: KeyPair): Promise<void> {
  const bag = path.join(folder, 'bags', batchId);
  const files: Record<string, string> = {};
  for (const rel of await filesUnder(bag)) files[rel] = createHash('sha256').update(await readFile(path.join(bag, rel))).digest('hex');
  const stationId = stationOfBag(await readFile(path.join(bag, 'bag-info.txt'), 'utf8'));
  const seal = await readFile(path.join(bag, SEAL_FILE)).catch(() => null);
  const chainHead = seal && readSeal(seal).head;
  const payload = ackPayload({ batchId, stationId, status: 'accepted', receivedAt: new Date().toISOString(), archive: TEST_CENTRE, files, ...(chainHead ? { chainHead } : {}) });
  await mkdir(path.join(folder, 'acks'), { recursive: true });
  await writeFile(path.join(folder, 'acks', `${batchId}.json`), sealEnvelope(centre, PAYLOAD_TYPES.ack, payload));
}
