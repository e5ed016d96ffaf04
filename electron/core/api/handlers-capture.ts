import { FrameRejected, storeCameraFrame } from '../capture/camera-frame';
import { listAllDevices, parseDeviceUri, createDriver } from '../capture/device-factory';
import { ScanFault } from '../capture/scan-driver';
import type { ScanRunner } from '../capture/scan-runner';
import { getBatch } from '../store/repo/batches';
import { deleteProfile, getProfile, listProfiles, saveProfile } from '../store/repo/scan-profiles';
import { listSessions } from '../store/repo/scan-sessions';
import { DeskError } from '../errors';
import type { Handlers } from './dispatcher';
import type { HandlerDeps } from '../handler-deps';

type CaptureHandlers = Pick<
  Handlers,
  | 'scan.devices'
  | 'scan.capabilities'
  | 'scan.start'
  | 'scan.cancel'
  | 'scan.sessions'
  | 'profiles.list'
  | 'profiles.save'
  | 'profiles.delete'
  | 'capture.frame'
>;

/** A device fault in a call (not in a running session) reaches the UI as a conflict with its message. */
async function deviceCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ScanFault) throw new DeskError('conflict', err.message, { scanError: err.code });
    throw err;
  }
}

/**
 * Devices named by an address the core would reach (a URL, a folder): a request could make it
 * fetch any internal URL or read any folder, so they are set up once as profiles
 * (station.configure) and scans name the profile.
 */
const ADDRESSED = /^\s*(escl|hotfolder):/i;

export function createCaptureHandlers(deps: HandlerDeps, scans: ScanRunner): CaptureHandlers {
  const { db } = deps;
  const openBatch = (id: string) => {
    const batch = getBatch(db, id);
    if (!batch) throw new DeskError('not_found', `no batch ${id}`);
    if (batch.state !== 'open') throw new DeskError('conflict', `batch ${batch.name} is closed`);
    return batch;
  };
  return {
    'scan.devices': () => deviceCall(() => listAllDevices()),
    'scan.capabilities': (req) =>
      deviceCall(() => {
        const { kind, device } = parseDeviceUri(req.device);
        return createDriver(kind).capabilities(device);
      }),
    'scan.start': async (req) => {
      const batch = openBatch(req.batchId);
      if (req.settings && ADDRESSED.test(req.settings.device)) {
        throw new DeskError('bad_request', '网络扫描仪地址和热文件夹只能来自已保存的扫描方案 / scanner addresses and hot folders come only from saved scan profiles', { device: req.settings.device });
      }
      let settings = req.settings;
      if (req.profileId !== undefined) {
        const profile = getProfile(db, req.profileId);
        if (!profile) throw new DeskError('not_found', `no scan profile ${req.profileId}`);
        settings = profile.settings;
      }
      const request = req.continueSession
        ? { batchId: batch.id, continueSession: req.continueSession }
        : settings
          ? { batchId: batch.id, settings }
          : undefined;
      if (!request) throw new DeskError('bad_request', 'give exactly one of profileId, settings, continueSession');
      return { session: await deviceCall(() => scans.start(request)) };
    },
    'scan.cancel': (req) => ({ cancelled: scans.cancel(req.session) }),
    'scan.sessions': (req) => {
      if (!getBatch(db, req.batchId)) throw new DeskError('not_found', `no batch ${req.batchId}`);
      return listSessions(db, req.batchId);
    },
    'profiles.list': () => listProfiles(db),
    'profiles.save': (req) => {
      const outcome = saveProfile(db, deps.actor, req);
      if (outcome.kind === 'conflict') throw new DeskError('conflict', outcome.message);
      return outcome.profile;
    },
    'profiles.delete': (req) => ({ deleted: deleteProfile(db, deps.actor, req.id) }),
    'capture.frame': async (req) => {
      openBatch(req.batchId);
      const profile = req.profileId === undefined ? undefined : getProfile(db, req.profileId);
      if (req.profileId !== undefined && !profile) throw new DeskError('not_found', `no scan profile ${req.profileId}`);
      try {
        return await storeCameraFrame(deps, { ...req, ocrEngine: profile?.settings.ocrEngine });
      } catch (err) {
        if (err instanceof FrameRejected) throw new DeskError('bad_request', err.message);
        if (err instanceof ScanFault) throw new DeskError('conflict', err.message, { scanError: err.code });
        throw err;
      }
    },
  };
}
