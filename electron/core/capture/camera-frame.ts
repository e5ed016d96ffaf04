import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { OcrEngineName, ScanResult, ScanSettings } from '../../../shared/contract';
import { sniffType } from '../media/sniff-type';
import type { ScanDriver } from './scan-driver';
import { runScan, type ScanDeps } from './scan-session';

export interface CameraFrame {
  readonly batchId: string;
  /** The camera session of earlier frames, if any. */
  readonly session?: string;
  /** The camera's label as the browser reports it. */
  readonly camera: string;
  /** The frame, base64 JPEG or PNG, as the renderer encoded it. */
  readonly image: string;
  /** The OCR engine of the clerk's chosen scan profile, for a new session's pages; absent: the station's default. */
  readonly ocrEngine?: OcrEngineName;
}

export class FrameRejected extends Error {
  override name = 'FrameRejected';
}

/**
 * A document-camera frame goes the same way as a scanned page: a one-page run of a camera
 * session (capture record, media workers, pipeline, commit, events). The frame's resolution is
 * unknown to the camera, so no dpi is claimed for it.
 */
export async function storeCameraFrame(deps: ScanDeps, frame: CameraFrame): Promise<ScanResult> {
  const bytes = Buffer.from(frame.image, 'base64');
  const sniffed = sniffType(bytes.subarray(0, 1024));
  if (sniffed.format !== 'jpeg' && sniffed.format !== 'png') {
    throw new FrameRejected(`camera frame is ${sniffed.format ?? sniffed.looksLike}, not JPEG or PNG`);
  }
  const { blobs } = deps;
  await blobs.ensureDirs();
  const file = path.join(blobs.tmpDir, `frame-${randomBytes(6).toString('hex')}.${sniffed.format === 'png' ? 'png' : 'jpg'}`);
  await writeFile(file, bytes);
  const driver: ScanDriver = {
    listDevices: async () => [],
    capabilities: async () => ({ uri: `camera:${frame.camera}`, sources: ['flatbed'], resolutions: [], modes: ['color'] }),
    async *scan() {
      yield { path: file, origin: 'device', sheet: null, side: null, dpi: null };
    },
  };
  // The settings describe the session; a camera has no source or resolution to ask for.
  const settings: ScanSettings = {
    device: `camera:${frame.camera}`,
    source: 'flatbed',
    dpi: 300,
    mode: 'color',
    post: { deskew: true, cropBorders: true, orient: true, ocrWanted: true },
    ...(frame.ocrEngine ? { ocrEngine: frame.ocrEngine } : {}),
  };
  return runScan(
    { ...deps, resolveDriver: () => ({ driver, device: frame.camera }) },
    frame.session ? { batchId: frame.batchId, continueSession: frame.session } : { batchId: frame.batchId, settings },
    new AbortController().signal,
  );
}
