import { hkdfSync } from 'node:crypto';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { getStation } from '../store/repo/station';
import type { CarrierSeal } from '../transfer/sealed-bag';
import { centreTrust } from '../trust/provisioning';

/**
 * How this station seals bags it writes to a folder target: for the encryption key its centre
 * published in the provisioning file, or null (in the clear) when the centre published none.
 * The station's own secret comes from its store's keys, so only this store resumes its seals.
 */
export function carrierSeal(db: Db, blobs: BlobStore): CarrierSeal | null {
  const recipient = centreTrust(db)?.encryptionKey;
  if (!recipient || !blobs.keys) return null;
  return {
    recipient,
    stationId: getStation(db).id,
    stationSecret: Buffer.from(hkdfSync('sha256', blobs.keys.content, Buffer.alloc(0), 'hpf-desk/carrier/station-secret', 32)),
  };
}
