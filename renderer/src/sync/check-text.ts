import type { CheckResult } from '../../../shared/contract';
import { checkWords, findingWords } from '../../../shared/transfer/check-words';
import { oneLanguage } from '../i18n/error-text';
import type { Language } from '../i18n/translate';

const lang = (language: Language) => (language === 'en' ? 'en' : 'zh');

/**
 * A check's message in the clerk's language, from its id and figures. A report stored before
 * checks carried figures (or from a newer sender) still has its two-language message: one half.
 */
export function checkMessage(check: CheckResult, language: Language): string {
  const words = check.figures && Object.keys(check.figures).length > 0 ? checkWords(check.id, check.ok, check.figures) : null;
  return words ? words[lang(language)] : (oneLanguage(check.message, language) ?? check.message);
}

/** What a failed check points at, in the clerk's language; reports without findings show their subjects as stored. */
export function checkFindings(check: CheckResult, language: Language): string[] {
  if (!check.findings?.length) return check.subjects;
  return check.findings.map((f, i) => findingWords(f)?.[lang(language)] ?? check.subjects[i] ?? '');
}
