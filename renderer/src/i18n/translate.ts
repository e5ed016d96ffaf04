import { en } from './en';
import { zhCN, type MessageKey, type Messages, type ReferenceMessages } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const dictionaries: { readonly [L in Language]: Messages } = { 'zh-CN': zhCN, en };

/** Placeholder names of a message, read from the reference (Chinese) wording at compile time. */
type ParamNames<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;
export type ParamsOf<K extends MessageKey> = [ParamNames<ReferenceMessages[K]>] extends [never]
  ? []
  : [params: { readonly [P in ParamNames<ReferenceMessages[K]>]: string | number }];

/** Keys whose message takes no parameters (usable where the key is only known as a variable). */
export type PlainKey = { [K in MessageKey]: ParamsOf<K> extends [] ? K : never }[MessageKey];

export type Translate = <K extends MessageKey>(key: K, ...params: ParamsOf<K>) => string;

const PLACEHOLDER = /\{([\w-]+)\}/g;

/** Placeholder names used in one message (for the parity check between dictionaries). */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').sort();
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Build `t` for one language. Numbers are grouped the local way (10,000); a missing parameter is
 * left visible as `{name}` rather than silently dropped, so it shows up in review.
 */
export function createTranslate(language: Language): Translate {
  const messages = dictionaries[language];
  const numbers = new Intl.NumberFormat(language);
  return (key, ...args) => {
    const params: Readonly<Record<string, string | number>> = args[0] ?? {};
    return messages[key].replace(PLACEHOLDER, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}
