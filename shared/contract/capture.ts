import { z } from 'zod';
import { OcrEngineName } from './ocr';
import { ColourMode, ImportResult } from './records';

/** Paper path of a scan: the glass, the feeder, or the feeder reading both sides. */
export const ScanSource = z.enum(['flatbed', 'adf', 'adf-duplex']);
export type ScanSource = z.infer<typeof ScanSource>;

/** Colour mode of the stored page (DA/T 31: colour preferred; seals stay colour in any mode). */
export const ScanMode = ColourMode;
export type ScanMode = z.infer<typeof ScanMode>;

/** The image pipeline's switches (blank, duplicate and resolution checks always run: they only flag). */
export const PostProcessing = z.object({
  deskew: z.boolean().default(true),
  cropBorders: z.boolean().default(true),
  orient: z.boolean().default(true),
  /** OCR is wanted for these pages, so DA/T 31's 300 dpi applies (else 200 dpi). */
  ocrWanted: z.boolean().default(true),
});
export type PostProcessing = z.infer<typeof PostProcessing>;

/** `sane:DEVICE`, `escl:http://host:port[/path]`, `hotfolder:/absolute/folder`; `camera:LABEL` for camera sessions. */
export const DeviceUri = z
  .string()
  .trim()
  .max(2000)
  .regex(/^(sane|escl|hotfolder|camera):.+/, 'device is sane:…, escl:http://…, hotfolder:/… or camera:…');

export const ScanSettings = z.object({
  device: DeviceUri,
  source: ScanSource.default('flatbed'),
  dpi: z.number().int().min(50).max(1200).default(300),
  mode: ScanMode.default('color'),
  post: PostProcessing.default({ deskew: true, cropBorders: true, orient: true, ocrWanted: true }),
  /** The engine that reads this profile's pages; absent: the station's default at the time they are queued. */
  ocrEngine: OcrEngineName.optional(),
});
export type ScanSettings = z.infer<typeof ScanSettings>;

export const ScanProfile = z.object({
  id: z.string(),
  name: z.string(),
  /** The digit key (1–9) that picks this profile, or null. */
  key: z.number().int().min(1).max(9).nullable(),
  settings: ScanSettings,
  updatedAt: z.string(),
});
export type ScanProfile = z.infer<typeof ScanProfile>;

export const ScanErrorCode = z.enum([
  'device_not_found',
  'device_busy',
  'feeder_empty',
  'jammed',
  'cover_open',
  'device_lost',
  'timeout',
  'device_error',
  'unsupported',
  'cancelled',
  'camera_denied',
]);
export type ScanErrorCode = z.infer<typeof ScanErrorCode>;

export const ScanError = z.object({ code: ScanErrorCode, message: z.string() });
export type ScanError = z.infer<typeof ScanError>;

export const ScanSessionState = z.enum(['scanning', 'done', 'failed', 'cancelled', 'interrupted']);

export const ScanSession = z.object({
  id: z.string(),
  batchId: z.string(),
  settings: ScanSettings,
  state: ScanSessionState,
  /** Pages stored so far over every run of the session (a continued session adds to them). */
  pages: z.number().int(),
  error: ScanError.nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type ScanSession = z.infer<typeof ScanSession>;

export const DeviceInfo = z.object({
  uri: z.string(),
  name: z.string(),
  driver: z.enum(['sane', 'escl', 'hotfolder']),
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

export const DeviceCapabilities = z.object({
  uri: z.string(),
  sources: z.array(ScanSource),
  resolutions: z.array(z.number().int()),
  modes: z.array(ScanMode),
});
export type DeviceCapabilities = z.infer<typeof DeviceCapabilities>;

/** What a scan stored: an import result (one entry per page) plus the session and how it ended. */
export const ScanResult = ImportResult.extend({
  session: z.string(),
  state: ScanSessionState,
  error: ScanError.nullable(),
});
export type ScanResult = z.infer<typeof ScanResult>;
