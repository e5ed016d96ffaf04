/**
 * The full-text tables the search-bigrams migration created: trigrams of the compacted text, and
 * two-character pieces for the short names clerks type most. Queries and the store check name
 * them from here, so a renamed or added index cannot be missed by `verify`.
 */
export const TRIGRAM_INDEX = 'search_tri';
export const BIGRAM_INDEX = 'search_bi';
/** Windows of six digits of the numbers in a text (search-numbers migration): finds ID numbers without walking digit trigrams. */
export const NUMBER_INDEX = 'search_num';
export const SEARCH_INDEXES = [TRIGRAM_INDEX, BIGRAM_INDEX, NUMBER_INDEX] as const;
