import type { Language } from './translate';

/**
 * A scheme entry's name (business, class, material, metadata element) in the UI's language. The
 * English names live in the scheme beside the Chinese ones, so an administrator's new entry is
 * named in both there, not in a catalogue here.
 */
export function schemeName(entry: { readonly name: string; readonly nameEn?: string }, language: Language): string {
  return language === 'en' && entry.nameEn ? entry.nameEn : entry.name;
}
