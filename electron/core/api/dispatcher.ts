import { z } from 'zod';
import {
  isMethodName,
  methods,
  type ApiError,
  type ApiResult,
  type MethodName,
  type ParsedRequestOf,
  type ResponseOf,
} from '../../../shared/contract';

/** A handler per method of the contract, with the request already validated. */
export type Handlers = {
  [K in MethodName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/** Errors a handler throws on purpose; anything else is reported as internal. */
export class DeskError extends Error {
  constructor(readonly code: ApiError['code'], message: string, readonly details?: unknown) {
    super(message);
    this.name = 'DeskError';
  }
}

export type Dispatch = (method: string, request: unknown) => Promise<ApiResult<unknown>>;

/**
 * The one dispatcher every transport goes through: unknown methods and invalid requests are
 * refused here, at the boundary, so handlers work on plain validated data.
 */
export function createDispatcher(handlers: Handlers, onInternalError: (err: unknown) => void): Dispatch {
  return async (method, request) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `unknown method: ${method}` } };
    }
    const parsed = methods[method].request.safeParse(request ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'bad_request', message: z.prettifyError(parsed.error), details: parsed.error.issues },
      };
    }
    try {
      const handler = handlers[method] as (r: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      if (err instanceof DeskError) {
        return { ok: false, error: { code: err.code, message: err.message, details: err.details } };
      }
      onInternalError(err);
      return { ok: false, error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } };
    }
  };
}
