import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/auth/permissions';
import { thrownText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { PinField } from './pin-field';
import { useActions, useDesk } from '../state/desk-context';
import { Dialog } from '../ui/dialog';

/**
 * Sign in, or switch user (U): name, then PIN or password, Enter. On a new station the first
 * sign-in creates the administrator. Signed out, the dialog cannot be closed.
 */
export function SignInDialog() {
  const t = useT();
  const actions = useActions();
  const session = useDesk((s) => s.session);
  const language = useDesk((s) => s.language);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  // A new station's first user becomes the administrator: the PIN is typed twice, so a slip cannot lock everyone out.
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const user = session?.user ?? null;
  const creatingAdmin = session !== null && !session.hasUsers;

  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return nameInput.current?.focus();
    if (!password) return passwordInput.current?.focus();
    if (creatingAdmin && again !== password) {
      setAgain('');
      return setError(t('pin.mismatch'));
    }
    setBusy(true);
    setError(null);
    try {
      await actions.signIn(name.trim(), password);
    } catch (err) {
      setError(thrownText(t, err, language));
      setPassword('');
      setBusy(false);
      passwordInput.current?.focus();
    }
  };

  return (
    <Dialog
      title={user ? t('session.switchTitle') : t('session.signInTitle')}
      testId="sign-in-dialog"
      className="sign-in"
      onClose={actions.close}
      backdropCloses={user !== null}
      {...(user ? { closeLabel: t('session.cancel') } : {})}
      onSubmit={(e) => void submit(e)}
    >
      {user && <p data-testid="session-current">{t('session.current', { name: user.name, role: t(roleKey(user.role)) })}</p>}
      {session && !session.hasUsers && (
        <p className="muted" role="note" data-testid="session-first-admin">
          {t('session.firstAdmin')}
        </p>
      )}
      <label className="field">
        <span className="field-label">{t('session.name')}</span>
        <input ref={nameInput} data-testid="sign-in-name" value={name} maxLength={40} autoComplete="username" onChange={(e) => setName(e.target.value)} />
      </label>
      <PinField label={t('session.password')} inputRef={passwordInput} testId="sign-in-password" purpose="current" value={password} onChange={setPassword} />
      {creatingAdmin && <PinField label={t('session.passwordAgain')} testId="sign-in-password-again" purpose="new" value={again} onChange={setAgain} />}
      {error && (
        <p className="field-error" role="alert" data-testid="sign-in-error">
          {error}
        </p>
      )}
      <div className="modal-actions">
        {user && (
          <button type="button" className="button-quiet" data-testid="sign-out" onClick={() => void actions.signOut()}>
            {t('session.signOut')}
          </button>
        )}
        {user && (
          <button type="button" className="button-quiet" data-testid="change-pin" onClick={() => actions.openDialog('change-pin')}>
            {t('pin.open')}
          </button>
        )}
        <button type="submit" className="button-primary" data-testid="sign-in-submit" disabled={busy}>
          {session && !session.hasUsers ? t('session.createAdmin') : t('session.signIn')}
        </button>
      </div>
    </Dialog>
  );
}

export const roleKey = (role: Role) => `session.role.${role}` as const;
