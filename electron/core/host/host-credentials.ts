import type { CredentialProvider, S3Credentials } from '../sync/credentials';

/**
 * The keychain as the core sees it inside the desktop app: the main process keeps the keys
 * (encrypted by the OS through Electron's safeStorage) and answers these requests over the same
 * channel the API calls use. Plain keys exist only in the two processes' memory, never on disk.
 */

/** Core → main: one operation on the keychain. */
export type CredentialRequest =
  | { readonly type: 'credentials'; readonly id: number; readonly op: 'get'; readonly target: string | null }
  | { readonly type: 'credentials'; readonly id: number; readonly op: 'save'; readonly target: string; readonly credentials: S3Credentials }
  | { readonly type: 'credentials'; readonly id: number; readonly op: 'remove'; readonly target: string };

/** Main → core: the answer to the request with the same id. */
export type CredentialAnswer =
  | { readonly type: 'credentials-result'; readonly id: number; readonly ok: true; readonly value: S3Credentials | null }
  | { readonly type: 'credentials-result'; readonly id: number; readonly ok: false; readonly message: string };

/** The OS may ask the user to unlock the keychain first: be patient, but do not wait forever. */
const ANSWER_TIMEOUT_MS = 120_000;

export interface HostCredentials {
  readonly provider: CredentialProvider;
  /** Feed every `credentials-result` message from the main process here. */
  answer(message: CredentialAnswer): void;
}

export function hostCredentials(post: (request: CredentialRequest) => void, timeoutMs = ANSWER_TIMEOUT_MS): HostCredentials {
  const pending = new Map<number, { resolve: (value: S3Credentials | null) => void; reject: (err: Error) => void }>();
  let nextId = 1;

  const ask = (make: (id: number) => CredentialRequest): Promise<S3Credentials | null> =>
    new Promise((resolve, reject) => {
      const request = make(nextId++);
      const timer = setTimeout(() => {
        pending.delete(request.id);
        reject(new Error('系统钥匙串没有响应 / the keychain did not answer'));
      }, timeoutMs);
      timer.unref();
      pending.set(request.id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      post(request);
    });

  return {
    provider: {
      source: 'keychain',
      get: (target) => ask((id) => ({ type: 'credentials', id, op: 'get', target })),
      save: async (target, credentials) => {
        await ask((id) => ({ type: 'credentials', id, op: 'save', target, credentials }));
      },
      remove: async (target) => {
        await ask((id) => ({ type: 'credentials', id, op: 'remove', target }));
      },
    },
    answer(message) {
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      if (message.ok) entry.resolve(message.value);
      else entry.reject(new Error(message.message));
    },
  };
}
