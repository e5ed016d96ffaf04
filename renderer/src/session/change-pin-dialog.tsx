import { useEffect, useRef, useState, type FormEvent } from 'react';
import { isDeskCallError } from '../api/call-error';
import { thrownText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { PinField } from './pin-field';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { Dialog } from '../ui/dialog';
import { FormActions } from '../ui/form-actions';

const MIN_LENGTH = 6;

/** The signed-in user's own new PIN: the current one, then the new one twice so a slip is caught here. */
export function ChangePinDialog() {
  const t = useT();
  const language = useDesk((s) => s.language);
  const client = useClient();
  const actions = useActions();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next.length < MIN_LENGTH) return setError(t('pin.tooShort', { min: MIN_LENGTH }));
    if (next !== again) return setError(t('pin.mismatch'));
    setBusy(true);
    setError(null);
    try {
      await client.call('session.changePassword', { current, next });
      setDone(true);
    } catch (err) {
      setError(isDeskCallError(err) && err.code === 'unauthenticated' ? t('pin.wrongCurrent') : thrownText(t, err, language));
      setCurrent('');
      first.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={t('pin.title')} testId="change-pin-dialog" onClose={actions.close} closeLabel={t('session.cancel')} onSubmit={(e) => void submit(e)}>
      {done ? (
        <p role="status" data-testid="pin-changed">{t('pin.changed')}</p>
      ) : (
        <>
          <PinField label={t('pin.current')} inputRef={first} testId="pin-current" purpose="current" value={current} onChange={setCurrent} />
          <PinField label={t('pin.next')} testId="pin-next" purpose="new" value={next} onChange={setNext} />
          <PinField label={t('pin.again')} testId="pin-again" purpose="new" value={again} onChange={setAgain} />
          {error && <p className="field-error" role="alert" data-testid="pin-error">{error}</p>}
          <FormActions cancelLabel={t('session.cancel')} onCancel={actions.close} submitLabel={t('pin.save')} busyLabel={t('pin.saving')} busy={busy} submitTestId="pin-save" />
        </>
      )}
    </Dialog>
  );
}
