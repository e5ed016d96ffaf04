import { useMemo } from 'react';
import { useDesk } from '../state/desk-context';
import { createTranslate, type Translate } from './translate';

/** `t(key, params)` for the chosen language; components re-render when the language changes. */
export function useT(): Translate {
  const language = useDesk((s) => s.language);
  return useMemo(() => createTranslate(language), [language]);
}
