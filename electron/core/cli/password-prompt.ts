import { UsageError } from './cli-io';

/**
 * Ask for a password on the terminal without echoing it. Scripts have no terminal: they pass the
 * password in an environment variable instead, and are told so.
 */
export function promptPassword(label: string, envName: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) return Promise.reject(new UsageError(`需要密码：请设置 ${envName} / a password is needed: set ${envName}`));
  process.stderr.write(label);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new UsageError('已取消 / cancelled'));
          return;
        }
        value = ch === '\u007f' || ch === '\b' ? value.slice(0, -1) : value + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** A new password (init --admin, user add, user passwd): HPF_DESK_NEW_PASSWORD, or asked twice. */
export function newPassword(): Promise<string> {
  return askTwice('新密码或 PIN / new password or PIN: ', 'HPF_DESK_NEW_PASSWORD');
}

/** The passphrase that locks a new store (init --passphrase), asked twice on a terminal. */
export async function newStorePassphrase(): Promise<string> {
  return longEnough(await askTwice('数据存储口令 / store passphrase: ', 'HPF_DESK_STORE_PASSPHRASE'));
}

/** The passphrase of a new recovery copy (key export --recovery): HPF_DESK_RECOVERY_PASSPHRASE, or asked twice. */
export async function newRecoveryPassphrase(): Promise<string> {
  return longEnough(await askTwice('恢复口令 / recovery passphrase: ', 'HPF_DESK_RECOVERY_PASSPHRASE'));
}

/** Passphrases that guard a whole archive: scrypt slows a guesser down, length keeps them out. */
export function longEnough(passphrase: string): string {
  if ([...passphrase].length < 12) throw new UsageError('口令至少 12 个字符 / a passphrase needs 12 characters or more');
  return passphrase;
}

async function askTwice(label: string, envName: string): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined) return fromEnv;
  const first = await promptPassword(label, envName);
  const again = await promptPassword('再输入一次 / once more: ', envName);
  if (first !== again) throw new UsageError('两次输入不一致 / the two entries differ');
  return first;
}
