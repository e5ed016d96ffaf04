import type { CoreEvent, ScanProfile, ScanResult, ScanSettings } from '../../../shared/contract';
import { reportError, type ActionContext } from './action-context';
import { reduceScanStatus, type ScanStatus } from './scan-status';

/** Scanner profiles, scanning with the chosen one, and document-camera frames (issue 3). */
export function createCaptureActions(ctx: ActionContext) {
  const { client, store } = ctx;

  const setScan = (batchId: string, next: ScanStatus | undefined) =>
    store.setState((s) => {
      if (s.scans[batchId] === next) return s;
      const scans = { ...s.scans };
      if (next) scans[batchId] = next;
      else delete scans[batchId];
      return { scans };
    });

  async function loadProfiles(): Promise<void> {
    try {
      const profiles = await client.call('profiles.list', {});
      store.setState((s) => ({
        profiles,
        profileId: profiles.some((p) => p.id === s.profileId) ? s.profileId : (profiles[0]?.id ?? null),
      }));
    } catch (err) {
      reportError(ctx, err);
    }
  }

  function chooseProfile(id: string): void {
    if (store.getState().profiles.some((p) => p.id === id)) store.setState({ profileId: id });
  }

  /** The digit keys pick the profile saved under them. */
  function chooseProfileKey(key: number): void {
    const profile = store.getState().profiles.find((p) => p.key === key);
    if (profile) chooseProfile(profile.id);
  }

  /** Scan into the open batch with the chosen profile; without any profile, set one up first. */
  async function startScan(): Promise<void> {
    const { currentBatchId, profileId, scans } = store.getState();
    if (currentBatchId === null || scans[currentBatchId]?.state === 'scanning') return;
    if (profileId === null) {
      store.setState({ dialog: 'scan-profiles' });
      return;
    }
    await begin(currentBatchId, { profileId });
  }

  /** Continue the open batch's last session after a fault (same settings, numbering goes on). */
  async function continueScan(): Promise<void> {
    const { currentBatchId, scans } = store.getState();
    const last = currentBatchId === null ? undefined : scans[currentBatchId];
    if (currentBatchId === null || !last || last.state === 'scanning') return;
    await begin(currentBatchId, { continueSession: last.session });
  }

  async function begin(batchId: string, how: { profileId: string } | { continueSession: string }): Promise<void> {
    try {
      const { session } = await client.call('scan.start', { batchId, ...how });
      // The started event normally comes first; this covers an event stream that is down.
      const current = store.getState().scans[batchId];
      if (current?.session !== session) setScan(batchId, { session, device: '', state: 'scanning', pages: 0, error: null });
    } catch (err) {
      reportError(ctx, err);
    }
  }

  async function cancelScan(): Promise<void> {
    const { currentBatchId, scans } = store.getState();
    const running = currentBatchId === null ? undefined : scans[currentBatchId];
    if (running?.state !== 'scanning') return;
    try {
      await client.call('scan.cancel', { session: running.session });
    } catch (err) {
      reportError(ctx, err);
    }
  }

  function dismissScan(batchId: string): void {
    if (store.getState().scans[batchId]?.state !== 'scanning') setScan(batchId, undefined);
  }

  function handleScanEvent(event: Extract<CoreEvent, { type: 'scan.started' | 'scan.page' | 'scan.finished' }>): void {
    setScan(event.batchId, reduceScanStatus(store.getState().scans[event.batchId], event));
  }

  async function saveProfile(input: { id?: string; name: string; key: number | null; settings: ScanSettings }): Promise<ScanProfile | null> {
    try {
      const profile = await client.call('profiles.save', input);
      await loadProfiles();
      store.setState({ profileId: profile.id, notice: null });
      return profile;
    } catch (err) {
      reportError(ctx, err);
      return null;
    }
  }

  async function deleteProfile(id: string): Promise<void> {
    try {
      await client.call('profiles.delete', { id });
      await loadProfiles();
    } catch (err) {
      reportError(ctx, err);
    }
  }

  /**
   * One camera frame into the open batch; resolves with the stored result, or null when refused.
   * A new camera session's pages are read with the chosen profile's OCR engine.
   */
  async function captureFrame(frame: { image: string; camera: string; session?: string }): Promise<ScanResult | null> {
    const { currentBatchId: batchId, profileId } = store.getState();
    if (batchId === null) return null;
    try {
      return await client.call('capture.frame', { batchId, ...frame, ...(profileId !== null && frame.session === undefined ? { profileId } : {}) });
    } catch (err) {
      reportError(ctx, err);
      return null;
    }
  }

  return { loadProfiles, chooseProfile, chooseProfileKey, startScan, continueScan, cancelScan, dismissScan, handleScanEvent, saveProfile, deleteProfile, captureFrame };
}

export type CaptureActions = ReturnType<typeof createCaptureActions>;
