import path from 'node:path';
import { userConfigDir } from '../../util/default-data-dir';
import { keyFileSource, passphraseSource, type KekSource } from './kek-source';
import { recoverySource } from './recovery-file';
import { StoreKeyError } from './store-key-error';

/**
 * The key file of the OS user: in the user's config folder, outside every data folder, one for
 * all of that user's stores (each store still has its own data key). HPF_DESK_KEY_FILE puts it
 * elsewhere, e.g. on a medium the operator keeps apart.
 */
export function defaultKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.HPF_DESK_KEY_FILE ? path.resolve(env.HPF_DESK_KEY_FILE) : path.join(userConfigDir(env), 'store.key');
}

/** A passphrase from the environment variable `name` (scripts), else from `ask` (a terminal), else `locked`. */
function envOrAsk(name: string, what: string, ask: (() => Promise<string>) | undefined, env: NodeJS.ProcessEnv): () => Promise<string> {
  return async () => {
    const fromEnv = env[name];
    if (fromEnv) return fromEnv;
    if (ask) return ask();
    throw new StoreKeyError('locked', `${what}：请设置 ${name} / ${what}: set ${name}`);
  };
}

/** The passphrase from HPF_DESK_STORE_PASSPHRASE (scripts), else from `ask` (a terminal). */
export function operatorPassphrase(ask?: () => Promise<string>, env: NodeJS.ProcessEnv = process.env): KekSource {
  return passphraseSource(envOrAsk('HPF_DESK_STORE_PASSPHRASE', '此数据存储用口令加密 this store is locked with a passphrase', ask, env));
}

/** How the command line asks for each passphrase when its environment variable is not set. */
export interface PassphrasePrompts {
  readonly store?: () => Promise<string>;
  readonly recovery?: () => Promise<string>;
}

/**
 * What the command line and browser mode offer a store: the key file first (so a new store is
 * created with it and every later command opens it without flags), then the operator's passphrase
 * for stores set up with one, then a recovery copy when HPF_DESK_RECOVERY names one (its
 * passphrase from HPF_DESK_RECOVERY_PASSPHRASE or the terminal).
 */
export function defaultKekSources(ask: PassphrasePrompts = {}, env: NodeJS.ProcessEnv = process.env): readonly KekSource[] {
  const sources = [keyFileSource(defaultKeyFile(env)), operatorPassphrase(ask.store, env)];
  if (!env.HPF_DESK_RECOVERY) return sources;
  const recovery = envOrAsk('HPF_DESK_RECOVERY_PASSPHRASE', '需要恢复口令 the recovery passphrase is needed', ask.recovery, env);
  return [...sources, recoverySource(path.resolve(env.HPF_DESK_RECOVERY), recovery)];
}
