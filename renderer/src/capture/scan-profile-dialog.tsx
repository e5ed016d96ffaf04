import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DeviceInfo, OcrEngineName, ScanMode, ScanProfile, ScanSettings, ScanSource } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { Dialog } from '../ui/dialog';
import { FormField } from '../ui/form-field';
import { useMay } from '../session/use-may';
import { ReadOnlyNote } from '../session/read-only-note';

const SOURCES: readonly ScanSource[] = ['flatbed', 'adf', 'adf-duplex'];
const MODES: readonly ScanMode[] = ['color', 'gray', 'bw'];
const DPIS = [150, 200, 300, 400, 600];
const POST = ['deskew', 'cropBorders', 'orient', 'ocrWanted'] as const;
const ENGINES: readonly OcrEngineName[] = ['ppocr', 'tesseract'];

const BLANK: ScanSettings = {
  device: '',
  source: 'adf',
  dpi: 300,
  mode: 'color',
  post: { deskew: true, cropBorders: true, orient: true, ocrWanted: true },
};

/**
 * Add, change or delete this station's scan profiles: device, source, dpi, colour mode, processing,
 * key. Whoever may not save them (a clerk) sees the profiles read-only, with one line saying so.
 */
export function ScanProfileDialog() {
  const t = useT();
  const actions = useActions();
  const client = useClient();
  const profiles = useDesk((s) => s.profiles);
  const profileId = useDesk((s) => s.profileId);
  const [editing, setEditing] = useState<ScanProfile | null>(() => profiles.find((p) => p.id === profileId) ?? null);
  const [name, setName] = useState(editing?.name ?? '');
  const [key, setKey] = useState<number | null>(editing?.key ?? firstFreeKey(profiles));
  const [settings, setSettings] = useState<ScanSettings>(editing?.settings ?? BLANK);
  const [devices, setDevices] = useState<readonly DeviceInfo[] | null>(null);
  const [missing, setMissing] = useState<'name' | 'device' | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const id = useId();
  const maySave = useMay('profiles.save');

  useEffect(() => {
    if (maySave) nameInput.current?.focus();
  }, [maySave]);

  const pick = (profile: ScanProfile | null) => {
    setEditing(profile);
    setName(profile?.name ?? '');
    setKey(profile?.key ?? firstFreeKey(profiles));
    setSettings(profile?.settings ?? BLANK);
    setMissing(null);
  };

  const findDevices = async () => {
    try {
      setDevices(await client.call('scan.devices', {}));
    } catch {
      setDevices([]);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setMissing('name');
    if (!settings.device.trim()) return setMissing('device');
    setBusy(true);
    const saved = await actions.saveProfile({ ...(editing ? { id: editing.id } : {}), name: name.trim(), key, settings: { ...settings, device: settings.device.trim() } });
    setBusy(false);
    if (saved) pick(saved);
  };

  const set = <K extends keyof ScanSettings>(field: K, value: ScanSettings[K]) => setSettings((s) => ({ ...s, [field]: value }));

  return (
    <Dialog title={t('profiles.title')} testId="profile-form" className="scan-profiles-dialog" onClose={actions.close} closeLabel={t('profiles.close')} onSubmit={maySave ? (e) => void submit(e) : undefined}>
      <div className="profile-tabs">
        {profiles.map((p) => (
          <button key={p.id} type="button" className={editing?.id === p.id ? 'chip chip-on' : 'chip'} onClick={() => pick(p)}>
            {p.key ?? '·'} {p.name}
          </button>
        ))}
        {maySave && (
          <button type="button" className={editing === null ? 'chip chip-on' : 'chip'} data-testid="profile-new" onClick={() => pick(null)}>
            + {t('profiles.new')}
          </button>
        )}
      </div>
      <fieldset className="read-only-fields" disabled={!maySave}>
        <FormField label={t('profiles.name')} error={missing === 'name' && t('profiles.nameRequired')}>
          <input ref={nameInput} data-testid="profile-name" value={name} maxLength={60} aria-invalid={missing === 'name'} onChange={(e) => setName(e.target.value)} />
        </FormField>
        <FormField label={t('profiles.device')} error={missing === 'device' && t('profiles.deviceRequired')}>
          <input data-testid="profile-device" list={`${id}-devices`} value={settings.device} placeholder="sane:…" aria-invalid={missing === 'device'} onChange={(e) => set('device', e.target.value)} />
          <datalist id={`${id}-devices`}>
            {(devices ?? []).map((d) => (
              <option key={d.uri} value={d.uri}>
                {d.name}
              </option>
            ))}
          </datalist>
          <span className="muted field-hint">{t('profiles.deviceHint')}</span>
          <span>
            <button type="button" className="button-quiet" onClick={() => void findDevices()}>
              {t('profiles.findDevices')}
            </button>
            {devices?.length === 0 && <span className="muted"> {t('profiles.noneFound')}</span>}
          </span>
        </FormField>
        <div className="field-row">
          <FormField label={t('profiles.source')}>
            <select data-testid="profile-source" value={settings.source} onChange={(e) => set('source', e.target.value as ScanSource)}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t('profiles.dpi')}>
            <select data-testid="profile-dpi" value={settings.dpi} onChange={(e) => set('dpi', Number(e.target.value))}>
              {[...new Set([...DPIS, settings.dpi])].sort((a, b) => a - b).map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t('ocr.profile.engine')}>
            <select
              data-testid="profile-ocr-engine"
              value={settings.ocrEngine ?? ''}
              onChange={(e) => set('ocrEngine', ENGINES.find((engine) => engine === e.target.value))}
            >
              <option value="">{t('ocr.profile.engineDefault')}</option>
              {ENGINES.map((engine) => (
                <option key={engine} value={engine}>
                  {t(`ocr.engine.${engine}`)}
                </option>
              ))}
            </select>
          </FormField>
          <FormField label={t('profiles.key')}>
            <select data-testid="profile-key" value={key ?? ''} onChange={(e) => setKey(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t('profiles.noKey')}</option>
              {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </FormField>
        </div>
        <fieldset className="field">
          <legend className="field-label">{t('profiles.mode')}</legend>
          <span className="field-row">
            {MODES.map((m) => (
              <label key={m} className="radio">
                <input type="radio" name={`${id}-mode`} checked={settings.mode === m} onChange={() => set('mode', m)} />
                <span>{t(`colour.${m}`)}</span>
              </label>
            ))}
          </span>
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">{t('profiles.post')}</legend>
          {POST.map((p) => (
            <label key={p} className="radio">
              <input type="checkbox" checked={settings.post[p]} onChange={(e) => set('post', { ...settings.post, [p]: e.target.checked })} />
              <span>{t(`profiles.${p}`)}</span>
            </label>
          ))}
        </fieldset>
      </fieldset>
      {!maySave && <ReadOnlyNote text={t('roles.profilesReadOnly')} />}
      {maySave && (
        <div className="modal-actions">
          {editing && (
            <button type="button" className="button-quiet" onClick={() => void actions.deleteProfile(editing.id).then(() => pick(null))}>
              {t('profiles.delete')}
            </button>
          )}
          <button type="submit" className="button-primary" data-testid="profile-save" disabled={busy}>
            {t('profiles.save')}
          </button>
        </div>
      )}
    </Dialog>
  );
}

function firstFreeKey(profiles: readonly ScanProfile[]): number | null {
  for (let k = 1; k <= 9; k++) if (!profiles.some((p) => p.key === k)) return k;
  return null;
}
