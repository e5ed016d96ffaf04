import type { ChecklistCheck } from '../../../shared/contract';
import { useLanguage, useT } from '../i18n/use-t';
import { schemeName } from '../i18n/scheme-name';
import type { Language, Translate } from '../i18n/translate';

/** The checklist in force on the item's business date, line by line: what is in, what is missing. */
export function ChecklistView({ check }: { readonly check: ChecklistCheck }) {
  const t = useT();
  const language = useLanguage();
  const title = t('filing.checklist', { version: language === 'en' ? check.versionEn : check.version, from: check.effectiveFrom });
  return (
    <section className="filing-checklist" data-testid="checklist" aria-label={title}>
      <h3>{title}</h3>
      <ol>
        {check.lines.map((l, i) => {
          const state = l.present ? 'present' : l.needed ? 'missing' : 'idle';
          return (
            <li key={l.material} className={`filing-line filing-line-${state}`} data-testid="checklist-line" data-material={l.material} data-state={state}>
              <kbd>{i < 9 ? i + 1 : ''}</kbd>
              <span className="filing-line-mark" aria-hidden="true">{l.present ? '✓' : l.needed ? '✗' : '·'}</span>
              <span className="filing-line-name">{schemeName(l, language)}</span>
              <span className="filing-line-rule muted">{ruleText(t, l, language)}</span>
              <span className="filing-line-state">{l.present ? t('filing.linePages', { pages: l.pages }) : l.needed ? t('filing.lineMissing') : ''}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function ruleText(t: Translate, line: ChecklistCheck['lines'][number], language: Language): string {
  switch (line.rule) {
    case 'required':
      return t('filing.rule.required');
    case 'optional':
      return t('filing.rule.optional');
    case 'conditional':
      return t('filing.rule.conditional', { condition: (language === 'en' ? line.conditionEn : line.condition) ?? '' });
  }
}
