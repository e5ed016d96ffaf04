import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BatchKind } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { useActions } from '../state/desk-context';
import { Dialog } from '../ui/dialog';
import { FormActions } from '../ui/form-actions';
import { FormField } from '../ui/form-field';

/** Small modal form: name (required) and kind. Esc closes it through the shortcut handler. */
export function NewBatchDialog() {
  const t = useT();
  const actions = useActions();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<BatchKind>('counter');
  const [missingName, setMissingName] = useState(false);
  const [busy, setBusy] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => nameInput.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setMissingName(true);
      nameInput.current?.focus();
      return;
    }
    setBusy(true);
    // On success the dialog is closed (unmounted) by the action.
    if (!(await actions.createBatch(trimmed, kind))) setBusy(false);
  };

  return (
    <Dialog title={t('newBatch.title')} testId="new-batch-form" className="new-batch" onClose={actions.close} onSubmit={(e) => void submit(e)}>
      <FormField label={t('newBatch.name')} error={missingName && t('newBatch.nameRequired')} errorId={`${id}-name-error`}>
        <input
          ref={nameInput}
          data-testid="new-batch-name"
          value={name}
          maxLength={120}
          required
          aria-invalid={missingName}
          aria-describedby={missingName ? `${id}-name-error` : undefined}
          placeholder={t('newBatch.namePlaceholder')}
          onChange={(e) => {
            setName(e.target.value);
            if (e.target.value.trim()) setMissingName(false);
          }}
        />
      </FormField>
      <fieldset className="field">
        <legend className="field-label">{t('newBatch.kind')}</legend>
        {(['counter', 'backfile'] as const).map((value) => (
          <label key={value} className="radio">
            <input
              type="radio"
              name={`${id}-kind`}
              value={value}
              data-testid={`new-batch-kind-${value}`}
              checked={kind === value}
              onChange={() => setKind(value)}
            />
            <span>{t(value === 'counter' ? 'newBatch.kindCounter' : 'newBatch.kindBackfile')}</span>
          </label>
        ))}
      </fieldset>
      <FormActions cancelLabel={t('newBatch.cancel')} onCancel={actions.close} submitLabel={t('newBatch.create')} busyLabel={t('newBatch.creating')} busy={busy} submitTestId="new-batch-submit" />
    </Dialog>
  );
}
