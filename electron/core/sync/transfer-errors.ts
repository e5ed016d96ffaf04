import type { TransferError } from '../../../shared/contract';

/** A failure the sender knows how to name (verification, acknowledgement, configuration). */
export class TransferFailure extends Error {
  constructor(readonly error: TransferError) {
    super(error.message);
    this.name = 'TransferFailure';
  }
}

export const transient = (code: string, message: string): TransferFailure => new TransferFailure({ kind: 'transient', code, message });
export const permanent = (code: string, message: string): TransferFailure => new TransferFailure({ kind: 'permanent', code, message });

/** S3 error codes no retry will fix: configuration the administrator must change. */
const PERMANENT_S3 = new Set([
  'NoSuchBucket', 'InvalidBucketName', 'AccountProblem',
  'AllAccessDisabled', 'InvalidObjectState', 'NotImplemented', 'MethodNotAllowed', 'EntityTooSmall', 'EntityTooLarge',
]);

/**
 * The server refused the station's keys. Not the batch's fault, so it stays in the queue with
 * the reason and is tried again with backoff (at once when new keys are saved).
 */
const AUTH_S3 = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidToken', 'ExpiredToken', 'InvalidClientTokenId']);

/** Codes that mean "the station's keys": one such error stops the pass instead of failing every batch in turn. */
export const CREDENTIAL_CODES: ReadonlySet<string> = new Set(['auth', 'no_credentials', 'credentials_file']);

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

const PERMANENT_FS: Readonly<Record<string, string>> = {
  EACCES: 'target_permission',
  EPERM: 'target_permission',
  EROFS: 'target_read_only',
};
const TRANSIENT_FS: Readonly<Record<string, string>> = {
  ENOSPC: 'target_full',
  ENOENT: 'target_unavailable',
  EIO: 'target_io',
  ENODEV: 'target_unavailable',
  EBUSY: 'target_busy',
};

interface ErrorLike {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $fault?: string;
}

/**
 * Sort any error into transient (retried later with backoff: the network, a busy or restarting
 * server, a full USB disk) or permanent (the batch stops, state failed, with the reason shown).
 */
export function classifyError(err: unknown): TransferError {
  if (err instanceof TransferFailure) return err.error;
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  const message = e.message || String(err);
  const code = e.Code ?? e.code ?? e.name ?? 'error';
  if (e.name === 'CredentialsProviderError') return { kind: 'transient', code: 'no_credentials', message: `没有可用的访问凭据 / no credentials: ${message}` };
  if (e.name === 'TimeoutError' || code === 'TimeoutError' || code === 'RequestTimeout') return { kind: 'transient', code: 'timeout', message };
  if (NETWORK.has(code) || (e.name !== undefined && NETWORK.has(e.name))) return { kind: 'transient', code: 'network', message: `${code}: ${message}` };
  if (PERMANENT_FS[code]) return { kind: 'permanent', code: PERMANENT_FS[code]!, message };
  if (TRANSIENT_FS[code]) return { kind: 'transient', code: TRANSIENT_FS[code]!, message };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) {
    if (AUTH_S3.has(code)) return { kind: 'transient', code: 'auth', message: `访问凭据被拒绝（${code}），请检查同步设置中的访问密钥 / the server refused the credentials (${code}): check the access key in the sync settings. ${message}` };
    if (PERMANENT_S3.has(code)) return { kind: 'permanent', code: `s3_${code}`, message };
    // 4xx other than the above (a digest the server found wrong, a throttling answer) are worth another try.
    return { kind: 'transient', code: `s3_${code}`, message: `HTTP ${status}: ${message}` };
  }
  return { kind: 'transient', code: 'error', message };
}
