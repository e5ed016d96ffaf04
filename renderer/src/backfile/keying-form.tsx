import { useState, type FormEvent } from 'react';
import type { MetadataField } from '../../../shared/filing/scheme';
import { useT } from '../i18n/use-t';
import { keyedValues } from './backfile-logic';

interface Props {
  readonly pass: 1 | 2;
  readonly fields: readonly MetadataField[];
  readonly keyer: string;
  readonly busy: boolean;
  readonly onSubmit: (fields: Record<string, string>) => Promise<void>;
}

/**
 * One blind pass: the form always starts empty and shows nothing of the other pass — not its
 * values, not even whether a field was filled — so the second keyer reads the paper, not the first.
 * The parent remounts it per item and pass, which is what empties it.
 */
export function KeyingForm({ pass, fields, keyer, busy, onSubmit }: Props) {
  const t = useT();
  const [values, setValues] = useState<Record<string, string>>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (keyer.trim() !== '') void onSubmit(keyedValues(values));
  };
  return (
    <form className="backfile-keying" data-testid="keying-form" data-pass={pass} onSubmit={submit} noValidate>
      <h3>{t('backfile.entry.pass', { pass })}</h3>
      <p className="muted">{t('backfile.entry.blindHint')}</p>
      {fields.map((f) => (
        <label className="field" key={f.key}>
          <span className="field-label">{f.key}</span>
          {f.type === 'choice' ? (
            <select data-testid={`key-${f.key}`} value={values[f.key] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}> 
              <option value="">{t('filing.form.choose')}</option>
              {f.choices?.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : (
            <input data-testid={`key-${f.key}`} value={values[f.key] ?? ''} autoComplete="off" onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))} />
          )}
        </label>
      ))}
      {keyer.trim() === '' && <p className="field-error">{t('backfile.entry.keyerRequired')}</p>}
      <div className="modal-actions">
        <button type="submit" className="button-primary" disabled={busy || keyer.trim() === ''} data-testid="keying-submit">
          {t('backfile.entry.submit', { pass })}
        </button>
      </div>
    </form>
  );
}
