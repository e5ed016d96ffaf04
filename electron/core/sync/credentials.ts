import { readFile, stat } from 'node:fs/promises';
import { transient } from './transfer-errors';

/** Access keys for an S3-compatible target. */
export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * Where a station's keys come from: the OS keychain (the desktop app, through Electron's
 * safeStorage in the main process), the standard AWS environment variables, or a credentials
 * file named on the command line (CLI and browser mode).
 */
export type CredentialSource = 'keychain' | 'environment' | 'file';

/**
 * The core's only way to credentials. The core never sees how they are kept: the desktop shell
 * implements this over its channel to the main process, the CLI and the bridge from the
 * environment or a file. Never the SDK's default chain: on an offline branch it would wait on
 * instance-metadata endpoints, and it reads files nobody checked.
 */
export interface CredentialProvider {
  readonly source: CredentialSource;
  /** The keys for a saved target (by name; null for a target given as a bare URI), or null when there are none. */
  get(target: string | null): Promise<S3Credentials | null>;
  /** Keep keys for a target; only where the station keeps them itself (the keychain). */
  readonly save?: (target: string, credentials: S3Credentials) => Promise<void>;
  readonly remove?: (target: string) => Promise<void>;
}

/** `AKIA…WXYZ`: enough to recognise a key, not enough to use it. */
export function maskKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? `${accessKeyId.slice(0, 2)}…` : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

const MAX_FILE = 64 * 1024;

/**
 * One profile of an AWS shared-credentials file (INI: `[profile]`, `aws_access_key_id`,
 * `aws_secret_access_key`, optional `aws_session_token`), so a file an administrator already
 * has for the AWS CLI works as it is.
 */
export function parseCredentialsFile(text: string, profile: string): S3Credentials | null {
  let section: string | null = null;
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const head = /^\[\s*(?:profile\s+)?([^\]]+?)\s*\]$/.exec(line);
    if (head) {
      section = head[1]!;
      continue;
    }
    const pair = /^([A-Za-z_]+)\s*=\s*(.*)$/.exec(line);
    if (pair && section === profile) values.set(pair[1]!.toLowerCase(), pair[2]!.trim());
  }
  const accessKeyId = values.get('aws_access_key_id');
  const secretAccessKey = values.get('aws_secret_access_key');
  if (!accessKeyId || !secretAccessKey) return null;
  const sessionToken = values.get('aws_session_token');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** Read a credentials file, refusing one that other users can read (it holds a secret in plain text). */
async function readCredentialsFile(file: string, profile: string, platform: NodeJS.Platform): Promise<S3Credentials> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw transient('credentials_file', `凭据文件不存在 / credentials file not found: ${file}`);
  // Windows has no mode bits; its ACLs are the administrator's to set.
  if (platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
    throw transient('credentials_file', `凭据文件权限过宽（${mode}），请执行 chmod 600 / credentials file ${file} is readable by others (mode ${mode}): run chmod 600 ${file}`);
  }
  if (info.size > MAX_FILE) throw transient('credentials_file', `credentials file ${file} is larger than ${MAX_FILE} bytes`);
  const found = parseCredentialsFile(await readFile(file, 'utf8'), profile);
  if (!found) throw transient('credentials_file', `凭据文件中没有 [${profile}] 的 aws_access_key_id 与 aws_secret_access_key / ${file} has no aws_access_key_id and aws_secret_access_key under [${profile}]`);
  return found;
}

export interface EnvironmentCredentialOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** A credentials file given by path (`--credentials FILE`, else env HPF_DESK_CREDENTIALS); it wins over the environment. */
  readonly file?: string;
  readonly platform?: NodeJS.Platform;
}

/**
 * Credentials for the CLI and the browser mode: a credentials file when one is named, else
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (/ AWS_SESSION_TOKEN). Read at every use, so keys
 * rotated in the file or the environment of a long-running `hpf-desk serve` are picked up.
 */
export function environmentCredentials(options: EnvironmentCredentialOptions = {}): CredentialProvider {
  const env = options.env ?? process.env;
  const file = options.file ?? (env.HPF_DESK_CREDENTIALS || undefined);
  const platform = options.platform ?? process.platform;
  if (file !== undefined) {
    return { source: 'file', get: () => readCredentialsFile(file, env.AWS_PROFILE || 'default', platform) };
  }
  return {
    source: 'environment',
    get: async () => {
      const accessKeyId = env.AWS_ACCESS_KEY_ID;
      const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
      if (!accessKeyId || !secretAccessKey) return null;
      return { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    },
  };
}
