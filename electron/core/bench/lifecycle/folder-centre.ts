import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { CentreFolder } from '../../central/folder-store';
import { Receiver } from '../../central/receiver';
import { SqliteCatalogue } from '../../central/sqlite-catalogue';
import type { Db } from '../../store/open-database';
import { getStation } from '../../store/repo/station';
import { applyProvisioning, type ProvisioningFile } from '../../trust/provisioning';
import type { EncryptionKeyRef } from '../../trust/carrier-keys';
import type { KeyPair } from '../../trust/signing';

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
 * The centre for a folder target, as the central archive runs it on a returned USB disk: the
 * reference receiver (central/receiver.ts) on the folder, with its catalogue in `catalogueFile`.
 * It checks a bag (hashes, chain, seal) before it signs, so the benches and tests that play the
 * centre with it find a station whose bags the centre would reject.
 */
export interface FolderCentre {
  readonly keys: KeyPair;
  /** Receive the one committed bag of `batchId`: what the centre concluded, or null when nothing was there to receive. */
  acknowledge(batchId: string): Promise<{ status: 'accepted' | 'rejected'; reason: string | null } | null>;
  close(): Promise<void>;
}

export function openFolderCentre(folder: string, catalogueFile: string, keys: KeyPair): FolderCentre {
  const store = new CentreFolder(folder);
  const catalogue = new SqliteCatalogue(catalogueFile);
  let last: { status: 'accepted' | 'rejected'; reason: string | null } | null = null;
  const receiver = new Receiver({ store, catalogue, keys, archive: TEST_CENTRE, onReceipt: ({ status, reason }) => (last = { status, reason }) });
  return {
    keys,
    async acknowledge(batchId) {
      const bag = (await store.committedBags()).find((b) => b.prefix === '' && b.batchId === batchId);
      last = null;
      // One bag, not a pass: the model's step acknowledges the batch it chose and no other.
      return bag && (await receiver.receive(bag)) ? last : null;
    },
    async close() {
      store.close();
      await catalogue.close();
    },
  };
}
