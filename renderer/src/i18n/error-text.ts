import type { ImportErrorCode } from '../../../shared/contract';
import type { CallErrorCode } from '../api/call-error';
import type { ClientFailureCode } from '../api/desk-client';
import type { Language, Translate } from './translate';

export type FileErrorCode = ImportErrorCode | ClientFailureCode;

/** Plain-language reason for a file that was not imported. */
export function fileErrorText(t: Translate, code: FileErrorCode): string {
  return t(`importError.${code}`);
}

/** Plain-language text for a failed call; the server's message is shown beside it as detail. */
export function callErrorText(t: Translate, code: CallErrorCode): string {
  return t(`apiError.${code}`);
}

/**
 * The core's own words for a failed call, in the clerk's language only: its messages carry both
 * ("中文 / English") for the command line and logs, and a refused request carries them per field.
 */
export function callDetailText(err: { readonly message: string; readonly details?: unknown }, language: Language): string {
  const lang = language === 'en' ? 'en' : 'zh';
  const problems = (err.details as { problems?: Array<{ message: { zh: string; en: string } }> } | undefined)?.problems;
  if (Array.isArray(problems) && problems.length > 0) return problems.map((p) => p.message[lang]).join(lang === 'en' ? '; ' : '；');
  const halves = err.message.split(' / ');
  // Only the two-language form is split: Chinese before the slash, English (which may name a 用户) after it.
  if (halves.length === 2 && /[\u4e00-\u9fff]/.test(halves[0]!) && /^\s*[A-Za-z]/.test(halves[1]!)) return halves[lang === 'en' ? 1 : 0]!.trim();
  return err.message;
}
