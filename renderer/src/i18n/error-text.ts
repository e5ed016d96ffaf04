import { PERMISSIONS, type Permission } from '../../../shared/auth/permissions';
import type { ImportErrorCode } from '../../../shared/contract';
import { isDeskCallError, type CallErrorCode } from '../api/call-error';
import type { ClientFailureCode } from '../api/desk-client';
import type { Language, Translate } from './translate';

export type FileErrorCode = ImportErrorCode | ClientFailureCode;

/** Plain-language reason for a file that was not imported. */
export function fileErrorText(t: Translate, code: FileErrorCode): string {
  return t(`importError.${code}`);
}

/** Plain-language text for a failed call's kind. */
export function callErrorText(t: Translate, code: CallErrorCode): string {
  return t(`apiError.${code}`);
}

/** A failed call as a screen holds it: a thrown DeskCallError or a kept CallProblem. */
export interface CallFailure {
  readonly code: CallErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** Internal ids a clerk must never read: the store's (P_01J…), UUIDs, and hashes; permission codes neither. */
const INTERNAL_ID = /\b[A-Z]_[0-9A-HJKMNP-TV-Z]{20,26}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b[0-9a-f]{32,}\b/i;
const HAN = /[\u4e00-\u9fff]/;

/**
 * A message of the core in one language, or null when it has nothing in this one: its messages
 * carry both ("中文 / English") for the command line and logs; a few older ones only one.
 */
export function oneLanguage(message: string, language: Language): string | null {
  const halves = message.split(/\s*\/\s+/);
  // Only the two-language form is split: Chinese before the slash, English (which may name a 用户) after it.
  if (halves.length === 2 && HAN.test(halves[0]!) && /^[A-Za-z0-9]/.test(halves[1]!)) return halves[language === 'en' ? 1 : 0]!.trim();
  // Otherwise the first word tells the language: "batch 存量 is closed" is English naming a batch.
  const first = /[A-Za-z\u4e00-\u9fff]/.exec(message)?.[0];
  if (first === undefined) return message;
  return HAN.test(first) === (language !== 'en') ? message : null;
}

/**
 * The core's own words in the clerk's language only, or '' when they are not fit to show: only in
 * the other language, naming an internal id, or a permission's code.
 */
export function coreWordsText(message: string, language: Language): string {
  const text = oneLanguage(message, language);
  return text === null || INTERNAL_ID.test(text) || PERMISSIONS.some((p) => text.includes(p)) ? '' : text;
}

/** A file that was not imported, in one line: why in plain words, then the core's words when fit. */
export function fileErrorLine(t: Translate, error: { readonly code: FileErrorCode; readonly message: string }, language: Language): string {
  const reason = fileErrorText(t, error.code);
  const detail = coreWordsText(error.message, language);
  return detail && detail !== reason ? `${reason}${language === 'en' ? ': ' : '：'}${detail}` : reason;
}

const isPermission = (value: unknown): value is Permission => (PERMISSIONS as readonly unknown[]).includes(value);

/**
 * The core's own words for a failed call, in the clerk's language only, or '' when it has none
 * fit to show: a refused request per field; a refusal of rights by what the permission lets one
 * do (never its code); codes whose message is for developers (internal, network, a version
 * mismatch) by their kind alone; and nothing that names an internal id.
 */
export function callDetailText(t: Translate, err: CallFailure, language: Language): string {
  const details = (err.details ?? {}) as { problems?: Array<{ message: { zh: string; en: string } }>; permission?: unknown; method?: unknown };
  const lang = language === 'en' ? 'en' : 'zh';
  if (Array.isArray(details.problems) && details.problems.length > 0) return details.problems.map((p) => p.message[lang]).join(lang === 'en' ? '; ' : '；');
  switch (err.code) {
    case 'forbidden':
      if (isPermission(details.permission)) return t('apiError.needsPermission', { what: t(`permission.${details.permission}`) });
      return details.method !== undefined ? t('apiError.readOnlyRole') : '';
    case 'internal':
    case 'network':
    case 'unknown_method':
      return '';
    case 'bad_request':
    case 'not_found':
    case 'conflict':
    case 'unauthenticated':
    case 'locked':
      return coreWordsText(err.message, language);
  }
}

/** A failed call in full, as a screen shows it: its kind, then the core's words when it has fit ones. */
export function callFailureText(t: Translate, err: CallFailure, language: Language): string {
  const kind = callErrorText(t, err.code);
  const detail = callDetailText(t, err, language);
  return detail && detail !== kind ? `${kind}${language === 'en' ? ': ' : '：'}${detail}` : kind;
}

/** Anything a call threw, said for people: a call error as above, an error of the screen's own as it is. */
export function thrownText(t: Translate, err: unknown, language: Language): string {
  if (isDeskCallError(err)) return callFailureText(t, err, language);
  return err instanceof Error ? err.message : String(err);
}
