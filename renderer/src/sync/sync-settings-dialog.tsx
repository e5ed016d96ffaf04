import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { SyncSettingsView } from '../../../shared/contract';
import { callProblem, type CallProblem } from '../api/call-error';
import { stationTime } from '../../../shared/logic/station-time';
import { callFailureText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { formFromView, requestFromForm, type FormProblem, type SyncSettingsForm } from './sync-settings-form';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { Dialog } from '../ui/dialog';
import { useMay } from '../session/use-may';
import { ReadOnlyNote } from '../session/read-only-note';

const PROBLEM_TEXT = { required: 'syncSettings.required', secretPair: 'syncSettings.secretPair', badNumber: 'syncSettings.badNumber' } as const;

/**
 * The administrator's sync-target settings: where batches go, the access keys (entered here only
 * where the OS keychain keeps them), bandwidth cap and retention, and what the centre's
 * reference data did to the classification scheme. Enter saves. Whoever may not configure sync
 * (a clerk) sees them read-only, with one line saying whom to ask, and no save.
 */
export function SyncSettingsDialog() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const actions = useActions();
  const client = useClient();
  const [view, setView] = useState<SyncSettingsView | null>(null);
  const [form, setForm] = useState<SyncSettingsForm | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [error, setError] = useState<CallProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const mayConfigure = useMay('sync.configure');

  const fail = (err: unknown) => setError(callProblem(err));
  const show = (next: SyncSettingsView) => {
    setView(next);
    setForm(formFromView(next));
  };

  useEffect(() => {
    client.call('sync.settings', {}).then(show, fail);
  }, [client]);
  // Keyboard first: once the settings are there, typing starts in the first field.
  const loaded = form !== null;
  useEffect(() => {
    if (loaded && mayConfigure) first.current?.focus();
  }, [loaded, mayConfigure]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form || busy) return;
    const checked = requestFromForm(form);
    setSaved(false);
    if (!checked.ok) return setProblem(checked.problem);
    setProblem(null);
    setBusy(true);
    try {
      show(await client.call('sync.configure', checked.request));
      setError(null);
      setSaved(true);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const set = <K extends keyof SyncSettingsForm>(key: K, value: SyncSettingsForm[K]) => setForm((f) => f && { ...f, [key]: value });
  const text = (key: 'name' | 'uri' | 'endpoint' | 'region' | 'accessKeyId' | 'secret' | 'bandwidthMb' | 'retainDays', label: string, hint?: string, extra: { type?: string } = {}): ReactNode => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        ref={key === 'name' ? first : undefined}
        data-testid={`settings-${key}`}
        type={extra.type ?? 'text'}
        value={form?.[key] ?? ''}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => set(key, e.target.value)}
      />
      {hint && <span className="muted field-hint">{hint}</span>}
    </label>
  );

  const keys = view?.credentials;
  const isFolder = form?.uri.trim().startsWith('file:') === true;
  return (
    <Dialog title={t('syncSettings.title')} testId="sync-settings" className="sync-settings" onClose={actions.close} closeLabel={t('syncSettings.close')} onSubmit={mayConfigure ? (e) => void submit(e) : undefined}>
      {error && <p className="sync-error" role="alert">{callFailureText(t, error, language)}</p>}
      {!form || !keys || !view ? (
        <p className="muted">{t('syncSettings.loading')}</p>
      ) : (
        <fieldset className="read-only-fields" disabled={!mayConfigure}>
          {!mayConfigure && <ReadOnlyNote text={t('roles.syncReadOnly')} />}
          <div className="field-row">
            {text('name', t('syncSettings.name'))}
            {text('uri', t('syncSettings.uri'), t('syncSettings.uriHint'))}
          </div>
          {!isFolder && (
            <>
              <div className="field-row">
                {text('endpoint', t('syncSettings.endpoint'), t('syncSettings.endpointHint'))}
                {text('region', t('syncSettings.region'))}
              </div>
              <label className="radio">
                <input type="checkbox" data-testid="settings-pathStyle" checked={form.pathStyle} onChange={(e) => set('pathStyle', e.target.checked)} />
                <span>{t('syncSettings.pathStyle')}</span>
              </label>
              <fieldset className="field" data-testid="settings-keys">
                <legend className="field-label">{t('syncSettings.keys')}</legend>
                <span className="muted">{t(keys.source === 'keychain' ? 'syncSettings.keysKeychain' : keys.source === 'file' ? 'syncSettings.keysFile' : 'syncSettings.keysEnvironment')}</span>
                <span data-testid="settings-key-in-use">{keys.accessKeyId ? t('syncSettings.keyInUse', { key: keys.accessKeyId }) : t('syncSettings.noKey')}</span>
                {keys.problem && <span className="field-error">{t('syncSettings.keyProblem', { message: keys.problem })}</span>}
                {keys.canStore && (
                  <>
                    {text('accessKeyId', t('syncSettings.accessKeyId'))}
                    {text('secret', t('syncSettings.secret'), t('syncSettings.secretHint'), { type: 'password' })}
                    {keys.accessKeyId && (
                      <label className="radio">
                        <input type="checkbox" checked={form.clearKeys} onChange={(e) => set('clearKeys', e.target.checked)} />
                        <span>{t('syncSettings.clearKeys')}</span>
                      </label>
                    )}
                  </>
                )}
              </fieldset>
            </>
          )}
          <div className="field-row">
            {text('bandwidthMb', t('syncSettings.bandwidth'))}
            {text('retainDays', t('syncSettings.retain'))}
          </div>
          <section className="field" data-testid="settings-reference">
            <span className="field-label">{t('syncSettings.reference')}</span>
            <span>{view.reference.revision === null ? t('syncSettings.referenceNone') : t('syncSettings.referenceRevision', { revision: view.reference.revision })}</span>
            {view.reference.scheme && (
              <span>
                {t('syncSettings.scheme', {
                  version: view.reference.scheme.version,
                  source: t(`syncSettings.source.${view.reference.scheme.source}`),
                  time: stationTime(view.reference.scheme.createdAt),
                })}
              </span>
            )}
            {view.reference.rejected && (
              <span className="field-error" data-testid="settings-reference-rejected">
                {t('syncSettings.referenceRejected', { revision: view.reference.rejected.revision, reason: view.reference.rejected.reason })}
              </span>
            )}
          </section>
          {problem && <p className="field-error" role="alert">{t(PROBLEM_TEXT[problem])}</p>}
          {saved && <p role="status" data-testid="settings-saved">{t('syncSettings.saved')}</p>}
          {mayConfigure && (
            <div className="modal-actions">
              <button type="submit" className="button-primary" data-testid="settings-save" disabled={busy}>
                {t('syncSettings.save')}
              </button>
            </div>
          )}
        </fieldset>
      )}
    </Dialog>
  );
}
