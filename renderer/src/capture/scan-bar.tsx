import type { Batch, ScanErrorCode } from '../../../shared/contract';
import type { PlainKey } from '../i18n/translate';
import { oneLanguage } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';

const ERROR_TEXT: Readonly<Record<ScanErrorCode, PlainKey>> = {
  device_not_found: 'scanError.device_not_found',
  device_busy: 'scanError.device_busy',
  feeder_empty: 'scanError.feeder_empty',
  jammed: 'scanError.jammed',
  cover_open: 'scanError.cover_open',
  device_lost: 'scanError.device_lost',
  timeout: 'scanError.timeout',
  device_error: 'scanError.device_error',
  unsupported: 'scanError.unsupported',
  cancelled: 'scanError.cancelled',
  camera_denied: 'scanError.camera_denied',
};

/** Profiles (one key each), the scan and camera buttons, and the open batch's scan as it runs. */
export function ScanBar({ batch }: { readonly batch: Batch }) {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const profiles = useDesk((s) => s.profiles);
  const profileId = useDesk((s) => s.profileId);
  const scan = useDesk((s) => s.scans[batch.id]);
  const chosen = profiles.find((p) => p.id === profileId);
  const scanning = scan?.state === 'scanning';

  return (
    <div className="scan-bar" data-testid="scan-bar">
      <div className="scan-controls">
        <div className="scan-profiles" role="radiogroup" aria-label={t('profiles.title')}>
          {profiles.length === 0 && <span className="muted">{t('scan.noProfile')}</span>}
          {profiles.map((p) => (
            <button
              key={p.id}
              type="button"
              role="radio"
              aria-checked={p.id === profileId}
              className={p.id === profileId ? 'chip chip-on' : 'chip'}
              data-testid="profile-chip"
              title={p.settings.device}
              onClick={() => actions.chooseProfile(p.id)}
            >
              {t('scan.profileChip', { key: p.key ?? '·', name: p.name })}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="button-primary"
          data-testid="scan-button"
          disabled={scanning || batch.state !== 'open'}
          title={chosen ? t('scan.buttonLabel', { profile: chosen.name }) : t('scan.noProfile')}
          onClick={() => void actions.startScan()}
        >
          {t('scan.button')}
        </button>
        <button type="button" data-testid="camera-button" disabled={batch.state !== 'open'} onClick={() => actions.openDialog('camera')}>
          {t('scan.cameraButton')}
        </button>
        <button type="button" className="button-quiet" data-testid="profiles-button" onClick={() => actions.openDialog('scan-profiles')}>
          {t('scan.profilesButton')}
        </button>
      </div>
      {scan && (
        <div className={`scan-status scan-${scan.state}`} role="status" data-testid="scan-status" data-state={scan.state}>
          {scanning ? (
            <>
              <span>{t('scan.running', { device: scan.device, pages: scan.pages })}</span>
              <button type="button" data-testid="scan-cancel" onClick={() => void actions.cancelScan()}>
                {t('scan.cancel')}
              </button>
            </>
          ) : (
            <>
              <span>
                {t(scan.state === 'done' ? 'scan.done' : scan.state === 'cancelled' ? 'scan.cancelled' : 'scan.failed', { pages: scan.pages })}
              </span>
              {scan.error && scan.error.code !== 'cancelled' && (
                <span className="scan-error" data-testid="scan-error">
                  <strong>{t(ERROR_TEXT[scan.error.code])}</strong> {oneLanguage(scan.error.message, language)}
                </span>
              )}
              {scan.error && scan.error.code !== 'cancelled' && (
                <button type="button" data-testid="scan-continue" onClick={() => void actions.continueScan()}>
                  {t('scan.continue')}
                </button>
              )}
              <button type="button" className="button-quiet" onClick={() => actions.dismissScan(batch.id)}>
                {t('scan.dismiss')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
