import { useCallback, useEffect, useRef, useState } from 'react';
import type { Box } from '../../../shared/imaging/gray-image';
import { useT } from '../i18n/use-t';
import { blobToBase64, cameraProblem, openDocumentCamera, sheetInFrame, type CameraProblem, type OpenCamera } from './camera';
import { useActions } from '../state/desk-context';
import { Dialog } from '../ui/dialog';

/** How often the preview looks for the sheet: often enough to follow a hand, cheap at 240 px. */
const PREVIEW_MS = 250;
const PREVIEW_WIDTH = 240;
const JPEG_QUALITY = 0.92;

type Phase = { readonly kind: 'starting' } | { readonly kind: 'live'; readonly camera: OpenCamera } | { readonly kind: 'problem'; readonly problem: CameraProblem; readonly message: string };

/**
 * The document camera (高拍仪): live preview with the sheet it will crop outlined, Space or Enter
 * captures a full-resolution frame, which goes to the core like a scanned page (same pipeline:
 * crop to the sheet, deskew, upright). Esc closes and releases the camera.
 */
export function CameraPanel() {
  const t = useT();
  const actions = useActions();
  const video = useRef<HTMLVideoElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [sheet, setSheet] = useState<Box | null>(null);
  const [count, setCount] = useState(0);
  const [saving, setSaving] = useState(false);
  const session = useRef<string | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | null = null;
    openDocumentCamera(navigator.mediaDevices)
      .then(async (camera) => {
        stream = camera.stream;
        if (stopped) return camera.stream.getTracks().forEach((track) => track.stop());
        if (video.current) {
          video.current.srcObject = camera.stream;
          await video.current.play().catch(() => undefined);
        }
        setPhase({ kind: 'live', camera });
      })
      .catch((err: unknown) => setPhase({ kind: 'problem', problem: cameraProblem(err), message: err instanceof Error ? err.message : String(err) }));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  useEffect(() => {
    if (phase.kind !== 'live') return;
    const canvas = document.createElement('canvas');
    const timer = setInterval(() => {
      const v = video.current;
      if (!v || v.videoWidth === 0) return;
      canvas.width = PREVIEW_WIDTH;
      canvas.height = Math.round((PREVIEW_WIDTH * v.videoHeight) / v.videoWidth);
      const g = canvas.getContext('2d', { willReadFrequently: true });
      if (!g) return;
      g.drawImage(v, 0, 0, canvas.width, canvas.height);
      setSheet(sheetInFrame(g.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height));
    }, PREVIEW_MS);
    return () => clearInterval(timer);
  }, [phase.kind]);

  const capture = useCallback(async () => {
    const v = video.current;
    if (phase.kind !== 'live' || !v || saving || v.videoWidth === 0) return;
    setSaving(true);
    try {
      const canvas = document.createElement('canvas');
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      canvas.getContext('2d')?.drawImage(v, 0, 0);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
      if (!blob) return;
      const result = await actions.captureFrame({ image: await blobToBase64(blob), camera: phase.camera.label, ...(session.current ? { session: session.current } : {}) });
      if (result) {
        session.current = result.session;
        setCount((n) => n + result.imported.length);
      }
    } finally {
      setSaving(false);
    }
  }, [actions, phase, saving]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== ' ' && event.key !== 'Enter') return;
      event.preventDefault();
      void capture();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [capture]);

  return (
    // A stray click beside the panel must not drop the camera mid-capture: only Esc or the button close it.
    <Dialog title={t('camera.title')} testId="camera-panel" className="camera-panel" onClose={actions.close} closeLabel={t('camera.close')} backdropCloses={false}>
      <div className="camera-preview">
        <video ref={video} muted playsInline data-testid="camera-video" />
        {sheet && (
          <div
            className="camera-sheet"
            data-testid="camera-sheet"
            style={{ left: `${sheet.x * 100}%`, top: `${sheet.y * 100}%`, width: `${sheet.width * 100}%`, height: `${sheet.height * 100}%` }}
          />
        )}
      </div>
      <div className="camera-status" role="status">
        {phase.kind === 'starting' && <span>{t('camera.starting')}</span>}
        {phase.kind === 'problem' && (
          // The browser's own words (English, technical) only on hover, for whoever supports the station.
          <span className="field-error" role="alert" data-testid="camera-problem" data-problem={phase.problem} title={phase.message}>
            {t(`camera.${phase.problem}`)}
          </span>
        )}
        {phase.kind === 'live' && (
          <>
            <span data-testid="camera-resolution">{t('camera.resolution', { camera: phase.camera.label, width: phase.camera.width, height: phase.camera.height })}</span>
            <span>{sheet ? t('camera.sheetFound') : t('camera.noSheet')}</span>
            <span data-testid="camera-count">{saving ? t('camera.saving') : t('camera.captured', { count })}</span>
          </>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" className="button-primary" data-testid="camera-capture" disabled={phase.kind !== 'live' || saving} onClick={() => void capture()}>
          {t('camera.capture')}
        </button>
      </div>
    </Dialog>
  );
}
