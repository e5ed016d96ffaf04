import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChecklistCheck, PageSuggestion } from '../../../shared/contract';
import { Dialog } from '../ui/dialog';
import { useLanguage, useT } from '../i18n/use-t';
import { materialChoices } from './filing-logic';

interface Props {
  readonly check: ChecklistCheck;
  readonly suggestion: PageSuggestion | null;
  /** Where the page already stands in this item (it can be taken back with 0); null when loose. */
  readonly assigned: { readonly material: string | null } | null;
  readonly onPick: (material: string) => void;
  readonly onUnassign: () => void;
  readonly onClose: () => void;
}

/** One key per material: digits pick from the checklist, Enter takes the suggestion (from the page's text) when there is one. */
export function MaterialDialog({ check, suggestion, assigned, onPick, onUnassign, onClose }: Props) {
  const t = useT();
  const language = useLanguage();
  const choices = materialChoices(check, language);
  const best = suggestion?.materials.find((m) => choices.some((c) => c.code === m.code)) ?? null;
  const suggested = best?.code ?? null;
  // Without a suggestion nothing is highlighted, so Enter cannot file a page as whatever came first.
  const [index, setIndex] = useState(() => choices.findIndex((c) => c.code === suggested));
  const [unchosen, setUnchosen] = useState(false);
  const focus = useRef<HTMLInputElement>(null);
  useEffect(() => focus.current?.focus(), []);
  // The suggestion arrives after the dialog opens; only a new suggestion moves the highlight.
  const codes = choices.map((c) => c.code).join();
  useEffect(() => {
    if (suggested) setIndex(codes.split(',').indexOf(suggested));
  }, [suggested, codes]);

  const onKeyDown = (e: KeyboardEvent) => {
    const byKey = choices.find((c) => c.key === e.key);
    if (assigned && (e.key === '0' || e.key === 'Delete')) {
      e.preventDefault();
      onUnassign();
    } else if (byKey) {
      e.preventDefault();
      onPick(byKey.code);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const c = choices[index];
      if (c) onPick(c.code);
      else setUnchosen(true);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex((i) => Math.min(Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)), choices.length - 1));
      setUnchosen(false);
    }
  };
  return (
    <Dialog title={t('filing.material.title')} testId="material-picker" className="filing-picker" onClose={onClose} escapeCloses>
      <input ref={focus} className="filing-keytrap" aria-label={t('filing.material.hint')} readOnly value="" onKeyDown={onKeyDown} />
      <p className="muted">{t('filing.material.hint')}</p>
      {assigned && (
        <p className="muted" data-testid="material-assigned">
          {t('filing.material.assigned', { name: choices.find((c) => c.code === assigned.material)?.name ?? assigned.material ?? '—' })}{' '}
          <button type="button" className="button-quiet" onMouseDown={onUnassign} data-testid="material-unassign">
            {t('filing.material.unassign')}
          </button>
        </p>
      )}
      {unchosen && index < 0 && <p className="field-error" role="status" data-testid="material-unchosen">{t('filing.material.unchosen')}</p>}
      <ul className="filing-options" role="listbox">
        {choices.map((c, i) => (
          <li key={c.code} role="option" aria-selected={i === index} className={i === index ? 'selected' : undefined} onMouseDown={() => onPick(c.code)} data-testid="material-option">
            <kbd>{c.key ?? ' '}</kbd>
            <span>{c.name}</span>
            {c.code === suggested && <span className="filing-suggested" title={best!.reason}>{t('filing.suggestedWhy', { reason: best!.reason })}</span>}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
