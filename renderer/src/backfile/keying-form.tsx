import { useState, type FormEvent } from 'react';
import type { MetadataField } from '../../../shared/filing/scheme';
import { useT } from '../i18n/use-t';
import { MetadataInput } from '../filing/metadata-input';
import { keyedValues } from './backfile-logic';

interface Props {
  readonly pass: 1 | 2;
  readonly fields: readonly MetadataField[];
  readonly busy: boolean;
  readonly onSubmit: (fields: Record<string, string>) => Promise<void>;
}

/**
 * One blind pass: the form always starts empty and shows nothing of the other pass — not its
 * values, not even whether a field was filled — so the second keyer reads the paper, not the first.
 * The parent remounts it per item and pass, which is what empties it.
 */
export function KeyingForm({ pass, fields, busy, onSubmit }: Props) {
  const t = useT();
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void onSubmit(keyedValues(values));
  };
  return (
    <form className="backfile-keying" data-testid="keying-form" data-pass={pass} onSubmit={submit} noValidate>
      <h3>{t('backfile.entry.pass', { pass })}</h3>
      <p className="muted">{t('backfile.entry.blindHint')}</p>
      {fields.map((f) => (
        <label className="field" key={f.key}>
          <span className="field-label">{f.key}</span>
          <MetadataInput field={f} value={values[f.key] ?? ''} testId={`key-${f.key}`} onChange={(value) => setValues((v) => ({ ...v, [f.key]: value }))} />
        </label>
      ))}
      <div className="modal-actions">
        <button type="submit" className="button-primary" disabled={busy} data-testid="keying-submit">
          {t('backfile.entry.submit', { pass })}
        </button>
      </div>
    </form>
  );
}
