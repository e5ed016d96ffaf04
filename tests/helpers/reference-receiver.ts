import { CentreBucket } from '../../electron/core/central/bucket';
import type { CentreStore } from '../../electron/core/central/centre-store';
import { CentreFolder } from '../../electron/core/central/folder-store';
import { Receiver, type ReceiverOptions } from '../../electron/core/central/receiver';
import { SqliteCatalogue } from '../../electron/core/central/sqlite-catalogue';
import { parseTargetUri } from '../../electron/core/sync/target-spec';
import type { EncryptionKeyPair } from '../../electron/core/trust/carrier-keys';
import type { KeyPair } from '../../electron/core/trust/signing';
import { BUCKET } from './s3-server';

/** The centre's signing keys, and its carrier key when it has published one. */
export type CentreTestKeys = KeyPair & { readonly encryption?: EncryptionKeyPair | null };

export interface TestReceiver<S extends CentreStore> {
  readonly receiver: Receiver;
  readonly catalogue: SqliteCatalogue;
  readonly store: S;
  close(): Promise<void>;
}

/**
/**
 * The real reference receiver, in this process, on `store` with a SQLite catalogue, opening bags
 * sealed for `keys.encryption` when the centre has one: what plays the centre wherever a test
 * needs an honest one (central-archive.ts stays for forging and tampering).
 */
export function receiverOn<S extends CentreStore>(store: S, keys: CentreTestKeys, catalogueFile: string, onReceipt?: ReceiverOptions['onReceipt']): TestReceiver<S> {
  const catalogue = new SqliteCatalogue(catalogueFile);
  const receiver = new Receiver({ store, catalogue, keys, carrierKeys: keys.encryption ?? null, archive: '市档案馆', ...(onReceipt ? { onReceipt } : {}) });
  return {
    receiver,
    catalogue,
    store,
    async close() {
      store.close();
      await catalogue.close();
    },
  };
}

/** The receiver on the test bucket (under `prefix`, all stations when empty). */
export function referenceReceiver(endpoint: string, keys: CentreTestKeys, catalogueFile: string, onReceipt?: ReceiverOptions['onReceipt'], prefix = ''): TestReceiver<CentreBucket> {
  return receiverOn(new CentreBucket(parseTargetUri(`s3://${BUCKET}/${prefix}`, { endpoint }) as ConstructorParameters<typeof CentreBucket>[0]), keys, catalogueFile, onReceipt);
}

/** The receiver on a folder: a USB disk brought back from a branch, or a share. */
export function folderReceiver(root: string, keys: CentreTestKeys, catalogueFile: string, onReceipt?: ReceiverOptions['onReceipt']): TestReceiver<CentreFolder> {
  return receiverOn(new CentreFolder(root), keys, catalogueFile, onReceipt);
}
