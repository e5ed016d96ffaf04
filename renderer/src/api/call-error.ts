import type { ApiError, ApiResult, MethodName } from '../../../shared/contract';

/** The core's error codes plus one for failures of the transport itself (no answer at all). */
export type CallErrorCode = ApiError['code'] | 'network';

/** Thrown by every client call that did not succeed, so callers can translate `code`. */
export class DeskCallError extends Error {
  override readonly name = 'DeskCallError';

  constructor(
    readonly method: MethodName,
    readonly code: CallErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isDeskCallError(err: unknown): err is DeskCallError {
  return err instanceof DeskCallError;
}

/** A failed call as a view keeps it to show in place: its code (for the words), the core's message and details. */
export interface CallProblem {
  readonly code: CallErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** Anything a call threw, as a CallProblem (`internal` when it was not a classified call error). */
export function callProblem(err: unknown): CallProblem {
  return isDeskCallError(err) ? { code: err.code, message: err.message, details: err.details } : { code: 'internal', message: String(err) };
}

/**
 * Unwrap a result envelope. The value is trusted as-is: the core built it from the same contract
 * and re-validating 10 000 page rows on every refresh would cost more than it protects.
 */
export function unwrapResult<T>(method: MethodName, result: ApiResult<unknown>): T {
  if (result.ok) return result.value as T;
  throw new DeskCallError(method, result.error.code, result.error.message, result.error.details);
}

/** Turn anything thrown by a transport into a DeskCallError (network code when unclassified). */
export function toCallError(method: MethodName, err: unknown): DeskCallError {
  if (err instanceof DeskCallError) return err;
  return new DeskCallError(method, 'network', err instanceof Error ? err.message : String(err));
}
