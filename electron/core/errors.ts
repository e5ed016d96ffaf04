import type { ApiError } from '../../shared/contract';

/**
 * The codes an error carries across a transport (the contract's list), so the UI can translate
 * it; the message is for people.
 */
export type DeskErrorCode = ApiError['code'];

/**
 * Errors the core throws on purpose; anything else is reported as internal. It lives at the root
 * of the core, not in `api/`, because every domain throws it and none of them should depend on
 * the dispatcher that turns it into an `ApiResult`.
 */
export class DeskError extends Error {
  constructor(readonly code: DeskErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'DeskError';
  }
}
