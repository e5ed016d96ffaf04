import type { searchZhCN } from './search-zh-CN';

/** Search's words in English; spread into the en dictionary. */
export const searchEn: { readonly [K in keyof typeof searchZhCN]: string } = {
  'search.title': 'Search',
  'search.close': 'Close (Esc)',
  'search.label': 'Search recognized text and metadata',
  'search.placeholder': 'Name, ID number, loan contract no., archival code, title, employer, or text on a page',
  'search.hint': '↑↓ choose · Enter open · several words separated by spaces must all occur · personal data is masked',
  'search.searching': 'Searching…',
  'search.none': 'Nothing found for “{query}”',
  'search.count': '{count} found',
  'search.countMore': '{total} found, the {count} best shown; add a word to narrow them down',
  'search.singleCharacter': 'A single character ({terms}) is on nearly every page; type at least two',
  'search.kind.dossier': 'Dossiers',
  'search.kind.item': 'Items',
  'search.kind.document': 'Documents',
  'search.kind.page': 'Pages',
  'search.dossier.back': 'Back to the results (Backspace)',
  'search.dossier.items': 'Items in the dossier (↑↓ choose, Enter open)',
  'search.dossier.empty': 'This dossier has no items yet',
  'search.dossier.keys': 'Keys',
  'help.search': 'Search recognized text and metadata',
};
