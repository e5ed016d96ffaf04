import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { BusinessTypeSummary, Suggestion } from '../../../shared/contract';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { isDeskCallError } from '../api/call-error';
import { Dialog } from '../ui/dialog';
import { FormActions } from '../ui/form-actions';
import { FormField } from '../ui/form-field';
import { useT } from '../i18n/use-t';
import { thrownText } from '../i18n/error-text';
import type { Language, Translate } from '../i18n/translate';
import { schemeName } from '../i18n/scheme-name';
import { useDesk } from '../state/desk-context';
import { amountWordsProposals, fieldProblems } from './field-feedback';
import { matchBusinesses, today } from './filing-logic';
import { ItemPagePane } from './item-page-pane';
import { MetadataInput, shownValue } from './metadata-input';

interface Props {
  readonly scheme: SchemeBody;
  readonly businessTypes: readonly BusinessTypeSummary[];
  /** Values read from the pages (OCR field extraction), accepted into empty fields with F2. */
  readonly proposals: Readonly<Record<string, string>>;
  /** The business the page points to (classifier) with its reason, offered first; null when not sure. */
  readonly suggested: Suggestion | null;
  /** Pages shown beside the item form to key from (click-to-fill), starting with `startPage`. */
  readonly pageIds: readonly string[];
  readonly startPage: number;
  readonly onCreate: (business: string, businessDate: string, fields: Record<string, string>) => Promise<void>;
  readonly onClose: () => void;
}

/**
 * Pick the business with a few keystrokes (type part of its name or code, ↑↓, Enter), then key
 * the item's details on a form made from the scheme. Refusals show under their fields.
 */
export function BusinessDialog({ scheme, businessTypes, proposals, suggested, pageIds, startPage, onCreate, onClose }: Props) {
  const [chosen, setChosen] = useState<BusinessTypeSummary | null>(null);
  return chosen ? (
    <ItemForm scheme={scheme} business={chosen} proposals={proposals} pageIds={pageIds} startPage={startPage} onCreate={onCreate} onClose={onClose} />
  ) : (
    <BusinessPicker businessTypes={businessTypes} suggested={suggested} onPick={setChosen} onClose={onClose} />
  );
}

function BusinessPicker({ businessTypes, suggested, onPick, onClose }: { businessTypes: readonly BusinessTypeSummary[]; suggested: Suggestion | null; onPick: (b: BusinessTypeSummary) => void; onClose: () => void }) {
  const t = useT();
  const language = useDesk((s) => s.language);
  const [filter, setFilter] = useState('');
  // Nothing is chosen until there is a reason to: a suggestion, a typed filter or an arrow key.
  const [index, setIndex] = useState(-1);
  const [unchosen, setUnchosen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const code = suggested?.code ?? null;
  const matches = useMemo(() => {
    const found = matchBusinesses(businessTypes, filter);
    // The suggestion goes first, so Enter alone accepts it.
    return [...found.filter((b) => b.code === code), ...found.filter((b) => b.code !== code)];
  }, [businessTypes, filter, code]);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => setIndex(filter !== '' || (code !== null && matches[0]?.code === code) ? 0 : -1), [filter, code, matches]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setIndex((i) => Math.min(Math.max(0, i + step), Math.max(0, matches.length - 1)));
      setUnchosen(false);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const pick = matches[index];
      if (pick) onPick(pick);
      else setUnchosen(true);
    }
  };
  return (
    <Dialog title={t('filing.picker.title')} testId="business-picker" className="filing-picker" onClose={onClose} escapeCloses>
      <input ref={input} className="filing-filter" data-testid="business-filter" value={filter} placeholder={t('filing.picker.filter')} onChange={(e) => setFilter(e.target.value)} onKeyDown={onKeyDown} />
      {unchosen && index < 0 && <p className="field-error" role="status" data-testid="picker-unchosen">{t('filing.picker.unchosen')}</p>}
      <ul className="filing-options" role="listbox">
        {matches.length === 0 && <li className="muted">{t('filing.picker.none')}</li>}
        {matches.map((b, i) => (
          <li key={b.code} role="option" aria-selected={i === index} className={i === index ? 'selected' : undefined} onMouseDown={() => onPick(b)} data-testid="business-option">
            <span>{t('filing.businessLine', { className: schemeName({ name: b.className, nameEn: b.classNameEn }, language), name: schemeName(b, language) })}</span>
            {b.code === code && <span className="filing-suggested" title={suggested!.reason}>{t('filing.suggestedWhy', { reason: suggested!.reason })}</span>}
            <code>{b.code}</code>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

type ItemFormProps = Pick<Props, 'scheme' | 'proposals' | 'pageIds' | 'startPage' | 'onCreate' | 'onClose'> & { readonly business: BusinessTypeSummary };

function ItemForm({ scheme, business, proposals, pageIds, startPage, onCreate, onClose }: ItemFormProps) {
  const t = useT();
  const language = useDesk((s) => s.language);
  const [date, setDate] = useState(today());
  const clerk = useDesk((s) => s.session?.user?.name ?? '');
  const station = useDesk((s) => s.station?.station.name ?? '');
  // Who serves and where are known: 经办人 is the signed-in clerk, 办理网点 this station (both can be changed).
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(([['经办人', clerk], ['办理网点', station]] as const).filter(([key, value]) => value !== '' && business.fields.includes(key))),
  );
  // The core's refusals from the last submit; a field's goes when the clerk changes that field.
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [left, setLeft] = useState<ReadonlySet<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [pageIndex, setPageIndex] = useState(startPage);
  const first = useRef<HTMLInputElement>(null);
  const words = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.focus(), []);
  const fields = business.fields.map((key) => scheme.fields.find((f) => f.key === key)).filter((f) => f !== undefined);
  const lang = language === 'en' ? 'en' : 'zh';
  const live = useMemo(() => fieldProblems(scheme, values, left, lang), [scheme, values, left, lang]);
  // What the page says comes first; 金额大写 is otherwise offered from the keyed 金额.
  const fromAmount = amountWordsProposals(fields, values);
  const offered = { ...fromAmount, ...proposals };
  const change = (key: string, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const next = { ...e };
      delete next[key];
      return next;
    });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onCreate(business.code, date, Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== '')));
    } catch (err) {
      setBusy(false);
      setErrors(fieldErrors(err, t, language));
    }
  };
  return (
    <Dialog
      title={t('filing.form.title', { business: `${schemeName({ name: business.className, nameEn: business.classNameEn }, language)} · ${schemeName(business, language)}` })}
      testId="item-form"
      className={pageIds.length > 0 ? 'filing-form with-pages' : 'filing-form'}
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      escapeCloses
      onKeyDown={(e) => {
        if (e.key === 'F2') {
          e.preventDefault();
          setValues((v) => ({ ...Object.fromEntries(fields.flatMap((f) => (offered[f.key] ? [[f.key, offered[f.key]!]] : []))), ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) }));
        } else if (e.key === 'F4') {
          e.preventDefault();
          words.current?.focus();
        } else if ((e.key === 'PageDown' || e.key === 'PageUp') && !(e.target instanceof HTMLSelectElement)) {
          e.preventDefault();
          const step = e.key === 'PageDown' ? 1 : -1;
          setPageIndex((i) => Math.min(Math.max(0, i + step), Math.max(0, pageIds.length - 1)));
        }
      }}
    >
      {fields.some((f) => proposals[f.key] && !values[f.key]) && <p className="filing-proposals muted">{t('filing.form.proposals')}</p>}
      <div className="item-form-body">
        <div className="item-form-fields">
          <FormField label={t('filing.form.date')} error={errors['办理日期']}>
            <input ref={first} data-testid="field-办理日期" value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={errors['办理日期'] !== undefined} />
          </FormField>
          {fields.map((f) => (
            <FormField
              key={f.key}
              label={
                <>
                  {schemeName({ name: f.key, nameEn: f.nameEn }, language)}
                  {business.required.includes(f.key) && <span className="muted"> {t('filing.form.required')}</span>}
                </>
              }
              error={errors[f.key] ?? live[f.key]}
            >
              <MetadataInput
                field={f}
                value={values[f.key] ?? ''}
                testId={`field-${f.key}`}
                invalid={(errors[f.key] ?? live[f.key]) !== undefined}
                onChange={(value) => change(f.key, value)}
                onBlur={() => setLeft((l) => (l.has(f.key) ? l : new Set(l).add(f.key)))}
              />
              {!values[f.key] && proposals[f.key] && (
                <span className="muted" data-testid={`proposal-${f.key}`}>
                  {t('filing.form.proposal', { value: shownValue(f, proposals[f.key]!, language) })}
                </span>
              )}
              {!values[f.key] && !proposals[f.key] && fromAmount[f.key] && (
                <span className="muted" data-testid={`from-amount-${f.key}`}>
                  {t('filing.form.fromAmount', { value: fromAmount[f.key]! })}
                </span>
              )}
            </FormField>
          ))}
          {errors[''] && <p className="field-error" role="alert">{errors['']}</p>}
        </div>
        {pageIds.length > 0 && <ItemPagePane pageIds={pageIds} index={pageIndex} wordsRef={words} />}
      </div>
      <FormActions cancelLabel={t('filing.cancel')} onCancel={onClose} submitLabel={t('filing.form.create')} busyLabel={t('filing.form.creating')} busy={busy} submitTestId="item-create" />
    </Dialog>
  );
}

/** The core's refusal as messages per field ('' for the rest), in the clerk's language only. */
export function fieldErrors(err: unknown, t: Translate, language: Language): Record<string, string> {
  const problems = isDeskCallError(err) ? (err.details as { problems?: Array<{ field: string; message: { zh: string; en: string } }> } | undefined)?.problems : undefined;
  if (problems?.length) return Object.fromEntries(problems.map((p) => [p.field, p.message[language === 'en' ? 'en' : 'zh']]));
  const message = err instanceof Error ? err.message : String(err);
  const text = thrownText(t, err, language);
  return /办理日期|business date/.test(message) ? { 办理日期: text } : { '': text };
}
