import { useEffect, useRef, useState, type FormEvent } from 'react';
import { thrownText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { PinField } from './pin-field';
import { useActions, useDesk } from '../state/desk-context';

/**
 * The idle lock: an opaque curtain over the desk (the work behind it stays mounted, forms keep
 * what was typed) with the signed-in user's PIN prompt. Only that user can lift it; signing out
 * gives the work up. Focus goes back to where it was when the lock lifts.
 */
export function LockScreen() {
  const t = useT();
  const actions = useActions();
  const name = useDesk((s) => s.session?.user?.name ?? '');
  const language = useDesk((s) => s.language);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    input.current?.focus();
    return () => before?.focus();
  }, [before]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return input.current?.focus();
    setBusy(true);
    setError(null);
    try {
      await actions.unlock(password);
    } catch (err) {
      setError(thrownText(t, err, language));
      setPassword('');
      setBusy(false);
      input.current?.focus();
    }
  };

  return (
    <div className="lock-screen" data-testid="lock-screen">
      <form className="modal" role="dialog" aria-modal="true" aria-labelledby="lock-title" onSubmit={(e) => void submit(e)} noValidate>
        <h2 id="lock-title">{t('session.lockedTitle')}</h2>
        <p className="muted">{t('session.lockedNote', { name })}</p>
        <PinField label={t('session.password')} inputRef={input} testId="unlock-password" purpose="current" value={password} onChange={setPassword} />
        {error && (
          <p className="field-error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
        <div className="modal-actions">
          <button type="button" className="button-quiet" data-testid="lock-sign-out" onClick={() => void actions.signOut()}>
            {t('session.lockedSignOut')}
          </button>
          <button type="submit" className="button-primary" data-testid="unlock-submit" disabled={busy}>
            {t('session.unlock')}
          </button>
        </div>
      </form>
    </div>
  );
}
