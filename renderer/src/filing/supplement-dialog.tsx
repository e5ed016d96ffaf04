import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog } from '../ui/dialog';
import { FormActions } from '../ui/form-actions';
import { FormField } from '../ui/form-field';
import { thrownText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useDesk } from '../state/desk-context';

interface Props {
  readonly archivalCode: string;
  readonly materialName: string;
  readonly onSave: (reason: string) => Promise<void>;
  readonly onClose: () => void;
}

/** A page added to a filed item (补件) needs a reason, recorded with it; what was filed stays. */
export function SupplementDialog({ archivalCode, materialName, onSave, onClose }: Props) {
  const t = useT();
  const language = useDesk((s) => s.language);
  const [reason, setReason] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() === '') return setRefused(t('afterFiling.reasonRequired'));
    setBusy(true);
    try {
      await onSave(reason.trim());
    } catch (err) {
      setBusy(false);
      setRefused(thrownText(t, err, language));
    }
  };
  return (
    <Dialog title={t('afterFiling.supplementTitle', { material: materialName })} testId="supplement-dialog" onClose={onClose} onSubmit={(e) => void submit(e)} escapeCloses>
      <p className="muted">{t('afterFiling.supplementHint', { code: archivalCode })}</p>
      <FormField label={t('afterFiling.supplementReason')} error={refused}>
        <input ref={input} data-testid="supplement-reason" value={reason} autoComplete="off" onChange={(e) => setReason(e.target.value)} aria-invalid={refused !== null} />
      </FormField>
      <FormActions cancelLabel={t('filing.cancel')} onCancel={onClose} submitLabel={t('afterFiling.supplementSave')} busyLabel={t('afterFiling.saving')} busy={busy} submitTestId="supplement-save" />
    </Dialog>
  );
}
