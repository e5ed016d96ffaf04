import { z } from 'zod';
import {
  Batch,
  BatchKind,
  ImportResult,
  PageDetail,
  PageSummary,
  Rejection,
  StationInfo,
  VerifyReport,
  FileError,
} from './records';
import { CloseBatchResult, FourChecksReport, SyncProgressEvent, SyncStatus } from './sync';

import { captureEvents, captureMethods } from './capture-api';
import { ocrEvents, ocrMethods } from './ocr-api';
import { filingMethods } from './filing-api';
import { backfileMethods } from './backfile-api';
import { searchMethods } from './search-api';
import { syncSettingsMethods } from './sync-settings-api';
import { sessionMethods } from './session-api';
import { statsMethods } from './stats-api';

const Id = z.string().min(1).max(200);

/**
 * The one API contract: every call the UI (or any transport) can make, with its request and
 * response schema. Requests are validated by the core's dispatcher; the renderer is untrusted.
 */
export const methods = {
  'station.info': { request: z.object({}), response: StationInfo },
  'batches.list': { request: z.object({}), response: z.array(Batch) },
  'batches.create': {
    request: z.object({
      name: z.string().trim().min(1).max(120),
      kind: BatchKind.default('counter'),
      business: z.string().trim().min(1).max(40).nullable().default(null),
    }),
    response: Batch,
  },
  'batches.get': { request: z.object({ id: Id }), response: Batch },
  'pages.list': { request: z.object({ batchId: Id }), response: z.array(PageSummary) },
  'pages.get': { request: z.object({ id: Id }), response: PageDetail },
  'import.paths': {
    request: z.object({
      batchId: Id,
      paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000),
    }),
    response: ImportResult,
  },
  'rejections.list': { request: z.object({ batchId: Id }), response: z.array(Rejection) },
  'store.verify': { request: z.object({}), response: VerifyReport },
  ...captureMethods,
  ...ocrMethods,
  ...filingMethods,
  ...backfileMethods,
  ...searchMethods,
  ...sessionMethods,
  ...statsMethods,
  /** Run 四性检测 on a batch and, when it passes, close it and queue it for transfer. */
  /** Backfile batches may keep pages that belong to no item, for this recorded reason; counter batches never. */
  'batches.close': { request: z.object({ id: Id, looseReason: z.string().trim().min(1).max(500).optional() }), response: CloseBatchResult },
  'sync.status': { request: z.object({}), response: SyncStatus },
  /** Pause one batch's transfer, or all sending when no batch is given. */
  'sync.pause': { request: z.object({ batchId: Id.optional() }), response: SyncStatus },
  'sync.resume': { request: z.object({ batchId: Id.optional() }), response: SyncStatus },
  /** Start a sync pass now instead of waiting for the next one. */
  'sync.run': { request: z.object({}), response: SyncStatus },
  /** Put a failed transfer back in the queue (after the cause was fixed). */
  'sync.retry': { request: z.object({ batchId: Id }), response: SyncStatus },
  /** The latest 四性检测 report of a batch's transfer. */
  'sync.report': { request: z.object({ batchId: Id }), response: FourChecksReport },
  ...syncSettingsMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<K extends MethodName> = z.input<Methods[K]['request']>;
export type ParsedRequestOf<K extends MethodName> = z.output<Methods[K]['request']>;
export type ResponseOf<K extends MethodName> = z.output<Methods[K]['response']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Typed push events from the core (progress and change notifications). */
export const CoreEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('import.progress'),
    batchId: z.string(),
    file: z.string(),
    done: z.number().int(),
    total: z.number().int(),
    outcome: z.enum(['imported', 'duplicate', 'rejected']),
    pages: z.number().int().optional(),
    error: FileError.optional(),
  }),
  z.object({ type: z.literal('import.started'), batchId: z.string(), total: z.number().int() }),
  z.object({ type: z.literal('import.finished'), batchId: z.string(), result: ImportResult }),
  z.object({ type: z.literal('batch.changed'), batchId: z.string() }),
  ...captureEvents,
  ...ocrEvents,
  SyncProgressEvent,
]);
export type CoreEvent = z.infer<typeof CoreEvent>;

/** Errors that cross a transport: a code the UI can translate plus a readable message. */
export const ApiError = z.object({
  code: z.enum(['bad_request', 'not_found', 'conflict', 'unknown_method', 'unauthenticated', 'forbidden', 'internal']),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * The part of an AbortSignal the contract relies on. shared/ is compiled without the DOM and
 * without Node's types (it runs under both), so it names the shape instead of either global.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
}

/** What a transport must provide to the renderer: one call function and one event subscription. */
export interface DeskApi {
  call<K extends MethodName>(method: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
  onEvent(listener: (event: CoreEvent) => void, signal?: CancelSignal): void;
}
