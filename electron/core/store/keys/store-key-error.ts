/**
 * Why an encrypted store did not open. Each case needs a different act from the operator, so
 * they are told apart: `locked` (no key offered that this store accepts: run where its key
 * lives, or give the passphrase), `wrong-key` (a key was offered and the store's wrapped key
 * does not open with it: another key file or a mistyped passphrase), `key-file-unsafe` (the
 * key file is readable by others: fix its mode before it is used), `corrupt` (the key is right
 * and the database or its key record is damaged: restore a backup), `in-use` (a key rotation
 * needs the store to itself and another process has it open: close the app first).
 */
export type StoreKeyErrorCode = 'locked' | 'wrong-key' | 'key-file-unsafe' | 'corrupt' | 'in-use';

export class StoreKeyError extends Error {
  constructor(readonly code: StoreKeyErrorCode, message: string) {
    super(message);
    this.name = 'StoreKeyError';
  }
}
