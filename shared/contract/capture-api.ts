import { z } from 'zod';
import { FileError } from './records';
import {
  DeviceCapabilities,
  DeviceInfo,
  DeviceUri,
  ScanError,
  ScanProfile,
  ScanResult,
  ScanSession,
  ScanSessionState,
  ScanSettings,
} from './capture';

const Id = z.string().min(1).max(200);

/** A camera frame as base64 JPEG/PNG: a 20-megapixel frame fits, and stays under the bridge's 16 MB. */
export const MAX_FRAME_BASE64 = 14 * 1024 * 1024;

/** Capture calls: scanners, profiles and document-camera frames (spread into the contract's methods). */
export const captureMethods = {
  /** Devices the station finds by itself (SANE); eSCL and hot folders are given by address. */
  'scan.devices': { request: z.object({}), response: z.array(DeviceInfo) },
  'scan.capabilities': { request: z.object({ device: DeviceUri }), response: DeviceCapabilities },
  /**
   * Start scanning into a batch with a profile or explicit settings, or continue a session after a
   * fault; answers at once with the session id, progress follows as scan.* events.
   */
  'scan.start': {
    request: z
      .object({
        batchId: Id,
        profileId: Id.optional(),
        settings: ScanSettings.optional(),
        continueSession: Id.optional(),
      })
      .refine((r) => [r.profileId, r.settings, r.continueSession].filter((v) => v !== undefined).length === 1, {
        message: 'give exactly one of profileId, settings, continueSession',
      }),
    response: z.object({ session: z.string() }),
  },
  'scan.cancel': { request: z.object({ session: Id }), response: z.object({ cancelled: z.boolean() }) },
  'scan.sessions': { request: z.object({ batchId: Id }), response: z.array(ScanSession) },
  'profiles.list': { request: z.object({}), response: z.array(ScanProfile) },
  'profiles.save': {
    request: z.object({
      id: Id.optional(),
      name: z.string().trim().min(1).max(60),
      key: z.number().int().min(1).max(9).nullable().default(null),
      settings: ScanSettings,
    }),
    response: ScanProfile,
  },
  'profiles.delete': { request: z.object({ id: Id }), response: z.object({ deleted: z.boolean() }) },
  /**
   * One document-camera frame into a batch, through the same pipeline as scans. The first frame
   * opens a camera session (its pages are read with `profileId`'s OCR engine); later frames name it.
   */
  'capture.frame': {
    request: z.object({
      batchId: Id,
      session: Id.optional(),
      profileId: Id.optional(),
      camera: z.string().trim().min(1).max(200),
      image: z.string().min(16).max(MAX_FRAME_BASE64),
    }),
    response: ScanResult,
  },
} as const;

/** Scan progress events (spread into the contract's CoreEvent union). */
export const captureEvents = [
  z.object({ type: z.literal('scan.started'), batchId: z.string(), session: z.string(), device: z.string() }),
  z.object({
    type: z.literal('scan.page'),
    batchId: z.string(),
    session: z.string(),
    outcome: z.enum(['imported', 'duplicate', 'rejected']),
    file: z.string(),
    /** Pages stored by this run so far. */
    pages: z.number().int(),
    error: FileError.optional(),
  }),
  z.object({
    type: z.literal('scan.finished'),
    batchId: z.string(),
    session: z.string(),
    state: ScanSessionState,
    pages: z.number().int(),
    error: ScanError.nullable(),
  }),
] as const;
