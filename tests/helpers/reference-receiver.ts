import { CentreBucket } from '../../electron/core/central/bucket';
import { Receiver, type ReceiverOptions } from '../../electron/core/central/receiver';
import { SqliteCatalogue } from '../../electron/core/central/sqlite-catalogue';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import type { EncryptionKeyPair } from '../../electron/core/trust/carrier-keys';
import type { KeyPair } from '../../electron/core/trust/signing';
import { BUCKET } from './s3-server';

export interface TestReceiver {
  readonly receiver: Receiver;
  readonly catalogue: SqliteCatalogue;
  readonly bucket: CentreBucket;
  close(): Promise<void>;
}

/**
 * The real reference receiver, in this process, on the test bucket (under `prefix`, all stations
 * when empty), opening bags sealed for `keys.encryption` when the centre has one: what plays the centre wherever a test needs an honest one (central-archive.ts stays
 * for forging and tampering).
 */
export function referenceReceiver(endpoint: string, keys: KeyPair & { readonly encryption?: EncryptionKeyPair | null }, catalogueFile: string, onReceipt?: ReceiverOptions['onReceipt'], prefix = ''): TestReceiver {
  const bucket = new CentreBucket(parseTargetUri(`s3://${BUCKET}/${prefix}`, { endpoint }) as ConstructorParameters<typeof CentreBucket>[0]);
  const catalogue = new SqliteCatalogue(catalogueFile);
  const receiver = new Receiver({ bucket, catalogue, keys, carrierKeys: keys.encryption ?? null, archive: '市档案馆', ...(onReceipt ? { onReceipt } : {}) });
  return {
    receiver,
    catalogue,
    bucket,
    async close() {
      bucket.close();
      await catalogue.close();
    },
  };
}
