import path from 'node:path';
import { userConfigDir } from '../../util/default-data-dir';
import { keyFileSource, passphraseSource, type KekSource } from './kek-source';
import { StoreKeyError } from './store-key-error';

/**
 * The key file of the OS user: in the user's config folder, outside every data folder, one for
 * all of that user's stores (each store still has its own data key). HPF_DESK_KEY_FILE puts it
 * elsewhere, e.g. on a medium the operator keeps apart.
 */
export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.HPF_DESK_KEY_FILE ? path.resolve(env.HPF_DESK_KEY_FILE) : path.join(userConfigDir(env), 'store.key');
}

/** The passphrase from HPF_DESK_STORE_PASSPHRASE (scripts), else from `ask` (a terminal). */
export function operatorPassphrase(ask?: () => Promise<string>, env: NodeJS.ProcessEnv = process.env): KekSource {
  return passphraseSource(async () => {
    const fromEnv = env.HPF_DESK_STORE_PASSPHRASE;
    if (fromEnv) return fromEnv;
    if (ask) return ask();
    throw new StoreKeyError('locked', '此数据存储用口令加密：请设置 HPF_DESK_STORE_PASSPHRASE / this store is locked with a passphrase: set HPF_DESK_STORE_PASSPHRASE');
  });
}

/**
 * What the command line and browser mode offer a store: the key file first (so a new store is
 * created with it and every later command opens it without flags), then the operator's passphrase
 * for stores set up with one.
 */
export function defaultKekSources(ask?: () => Promise<string>, env: NodeJS.ProcessEnv = process.env): readonly KekSource[] {
  return [keyFileSource(defaultKeyFile(env)), operatorPassphrase(ask, env)];
}
