import { DEFAULT_LANGUAGE, isLanguage, type Language } from './translate';

const STORAGE_KEY = 'hpf-desk.language';

/** The clerk's saved language, or Chinese. Storage can throw (privacy mode), hence the guard. */
export function loadLanguage(storage: Pick<Storage, 'getItem'> | null): Language {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    return isLanguage(saved) ? saved : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function saveLanguage(storage: Pick<Storage, 'setItem'> | null, language: Language): void {
  try {
    storage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not being able to remember the choice is harmless; the UI still switches.
  }
}
