import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BusinessTypeSummary, FilingItem } from '../../../shared/contract';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { Dialog } from '../ui/dialog';
import { FormActions } from '../ui/form-actions';
import { FormField } from '../ui/form-field';
import { useT } from '../i18n/use-t';
import { schemeName } from '../i18n/scheme-name';
import { useClient, useDesk } from '../state/desk-context';
import { fieldErrors } from './business-dialog';
import { MetadataInput } from './metadata-input';

interface Props {
  readonly scheme: SchemeBody;
  readonly business: BusinessTypeSummary;
  readonly item: FilingItem;
  readonly onClose: () => void;
}

/**
 * A correction of an item's details, filed or not: the clerk keys only what changes and why; the
 * core keeps it as the next version (the old ones stay, the audit log says who and why).
 */
export function CorrectionDialog({ scheme, business, item, onClose }: Props) {
  const t = useT();
  const client = useClient();
  const language = useDesk((s) => s.language);
  const [values, setValues] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const reasonInput = useRef<HTMLInputElement>(null);
  useEffect(() => reasonInput.current?.focus(), []);
  const fields = business.fields.map((key) => scheme.fields.find((f) => f.key === key)).filter((f) => f !== undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const changed = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
    if (Object.keys(changed).length === 0) return setErrors({ '': t('afterFiling.nothingChanged') });
    if (reason.trim() === '') return setErrors({ reason: t('afterFiling.reasonRequired') });
    setBusy(true);
    try {
      await client.call('items.correct', { id: item.id, fields: changed, reason: reason.trim() });
      onClose();
    } catch (err) {
      setBusy(false);
      setErrors(fieldErrors(err, t, language));
    }
  };
  return (
    <Dialog title={t('afterFiling.correctTitle', { item: item.archivalCode ?? business.name })} testId="correction-dialog" className="filing-form" onClose={onClose} onSubmit={(e) => void submit(e)} escapeCloses>
      <p className="muted">{t('afterFiling.correctHint')}</p>
      <FormField label={t('afterFiling.correctReason')} error={errors['reason']}>
        <input ref={reasonInput} data-testid="correction-reason" value={reason} autoComplete="off" onChange={(e) => setReason(e.target.value)} aria-invalid={errors['reason'] !== undefined} />
      </FormField>
      <div className="item-form-fields">
        {fields.map((f) => (
          <FormField key={f.key} label={schemeName({ name: f.key, nameEn: f.nameEn }, language)} error={errors[f.key]}>
            <MetadataInput field={f} value={values[f.key] ?? ''} testId={`correct-${f.key}`} invalid={errors[f.key] !== undefined} onChange={(value) => setValues((v) => ({ ...v, [f.key]: value }))} />
            {item.fields[f.key] && <span className="muted">{t('afterFiling.current', { value: item.fields[f.key]! })}</span>}
          </FormField>
        ))}
      </div>
      {errors[''] && <p className="field-error" role="alert">{errors['']}</p>}
      <FormActions cancelLabel={t('filing.cancel')} onCancel={onClose} submitLabel={t('afterFiling.saveCorrection')} busyLabel={t('afterFiling.saving')} busy={busy} submitTestId="correction-save" />
    </Dialog>
  );
}
