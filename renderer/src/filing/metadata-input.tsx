import { useLanguage, useT } from '../i18n/use-t';

interface MetadataField {
  readonly key: string;
  readonly type: string;
  readonly choices?: readonly string[] | undefined;
  readonly choicesEn?: readonly string[] | undefined;
}

interface Props {
  readonly field: MetadataField;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly testId: string;
  readonly invalid?: boolean;
  /** The clerk left the field (the form judges a value once it is keyed, not while it is typed). */
  readonly onBlur?: () => void;
}

/** A value as the clerk reads it: a choice by its English name in the English UI (stored in Chinese). */
export function shownValue(field: MetadataField, value: string, language: string): string {
  const i = field.choices?.indexOf(value) ?? -1;
  return (language === 'en' && i >= 0 && field.choicesEn?.[i]) || value;
}

/** One metadata element's input as the scheme defines it: a list for choices, else a text box. */
export function MetadataInput({ field, value, onChange, onBlur, testId, invalid = false }: Props) {
  const t = useT();
  const language = useLanguage();
  if (field.type === 'choice') {
    return (
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)} onBlur={onBlur}>
        <option value="">{t('filing.form.choose')}</option>
        {field.choices?.map((c, i) => (
          <option key={c} value={c}>
            {shownValue(field, c, language)}
          </option>
        ))}
      </select>
    );
  }
  return <input data-testid={testId} value={value} autoComplete="off" aria-invalid={invalid} onChange={(e) => onChange(e.target.value)} onBlur={onBlur} />;
}
