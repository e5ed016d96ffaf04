import { useMemo } from 'react';
import { useDesk } from '../state/desk-context';
import { createTranslate, type Language, type Translate } from './translate';

/** `t(key, params)` for the chosen language; components re-render when the language changes. */
export function useT(): Translate {
  const language = useDesk((s) => s.language);
  return useMemo(() => createTranslate(language), [language]);
}

/** The chosen language, for words that come with the data (scheme names) rather than from `t`. */
export function useLanguage(): Language {
  return useDesk((s) => s.language);
}
