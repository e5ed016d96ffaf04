import { z } from 'zod';

/**
 * A batch's way to the central archive (one row per batch, persisted):
 * queued → packaging → checked → uploading → uploaded → acknowledged → purged, or failed with a
 * reason. Only an acknowledgement verified against the station's own hashes makes a batch
 * `acknowledged`, and only then may local copies be purged.
 */
export const TransferState = z.enum([
  'queued',
  'packaging',
  'checked',
  'uploading',
  'uploaded',
  'acknowledged',
  'purged',
  'failed',
]);
export type TransferState = z.infer<typeof TransferState>;

/** The four aspects of DA/T 70 四性检测. */
export const CheckAspect = z.enum(['authenticity', 'integrity', 'usability', 'security']);
export type CheckAspect = z.infer<typeof CheckAspect>;

/** Numbers and names a check's words are filled with (shared/transfer/check-words.ts). */
const CheckFigures = z.record(z.string(), z.union([z.string(), z.number()]));

export const CheckResult = z.object({
  aspect: CheckAspect,
  /** Stable id of the check, e.g. `authenticity.content-hash`. */
  id: z.string(),
  ok: z.boolean(),
  /** What was checked and found, in plain words (Chinese / English), for the bag and the command line. */
  message: z.string(),
  /** What the message counts and names, so a screen can say it in one language from the id. */
  figures: CheckFigures.default({}),
  /** The first few offending subjects, when the check failed (English, for the bag and the command line). */
  subjects: z.array(z.string()).default([]),
  /** The same subjects as a code and figures, so a screen can say them in one language. */
  findings: z.array(z.object({ code: z.string(), figures: CheckFigures })).default([]),
});
export type CheckResult = z.infer<typeof CheckResult>;

/** The 四性检测 report that travels in the bag and stays with a batch that may not leave. */
export const FourChecksReport = z.object({
  batchId: z.string(),
  /** `store`: before closing, on the store's records; `package`: on the built transfer bag. */
  stage: z.enum(['store', 'package']),
  at: z.string(),
  station: z.object({ id: z.string(), name: z.string(), fonds: z.string() }),
  operator: z.string(),
  ok: z.boolean(),
  checks: z.array(CheckResult),
});
export type FourChecksReport = z.infer<typeof FourChecksReport>;

export const TransferError = z.object({
  /** `transient` errors are retried with backoff; `permanent` ones stop the batch (state failed). */
  kind: z.enum(['transient', 'permanent']),
  code: z.string(),
  message: z.string(),
});
export type TransferError = z.infer<typeof TransferError>;

export const TransferStatus = z.object({
  batchId: z.string(),
  batchName: z.string(),
  state: TransferState,
  paused: z.boolean(),
  target: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  error: TransferError.nullable(),
  checksOk: z.boolean().nullable(),
  filesTotal: z.number().int(),
  filesDone: z.number().int(),
  bytesTotal: z.number().int(),
  bytesDone: z.number().int(),
  queuedAt: z.string(),
  uploadedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  purgedAt: z.string().nullable(),
});
export type TransferStatus = z.infer<typeof TransferStatus>;

export const SyncStatus = z.object({
  /** The default target's name and URI, or null when none is configured yet. */
  target: z.object({ name: z.string(), uri: z.string() }).nullable(),
  /** All sending is paused (each batch can be paused on its own as well). */
  paused: z.boolean(),
  /** A sync pass is running in this process or another one (the CLI beside the app). */
  running: z.boolean(),
  /** Bandwidth cap in bytes per second; 0 for none. */
  bandwidth: z.number().int(),
  transfers: z.array(TransferStatus),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const CloseBatchResult = z.object({
  batch: z.string(),
  state: TransferState,
  report: FourChecksReport,
});
export type CloseBatchResult = z.infer<typeof CloseBatchResult>;

/** Progress of one batch's transfer, pushed while it runs. */
export const SyncProgressEvent = z.object({
  type: z.literal('sync.progress'),
  batchId: z.string(),
  state: TransferState,
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
});
