import type { Migration } from '../migration';
import { BIGRAMS, DIGIT_WINDOWS, fillIndex, SEARCH_TRIGGER_NAMES, searchTriggers, TRIGRAMS } from './search-index-sql';

/**
 * Numbers through an index of their own. In the trigram index an 18-digit ID number is a phrase of
 * 16 digit trigrams, each on a good part of all pages (there are only a thousand), so FTS5 walked
 * all their lists in step to find one page: about 110 ms at a million pages. This index holds the
 * windows of six digits of every run of six digits or more, without positions (detail = none): a
 * number's windows are rare, so the pages holding them all are found at once and each is then
 * checked in its own text. Kept by the same triggers, in the same transactions, as the
 * other two indexes: they are replaced by triggers that keep all three.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'search-numbers',
  up: `
    ${SEARCH_TRIGGER_NAMES.map((t) => `DROP TRIGGER ${t};`).join('\n    ')}
    CREATE VIRTUAL TABLE search_num USING fts5(digits, tokenize = 'unicode61', content = '', contentless_delete = 1, detail = none);
    ${searchTriggers([TRIGRAMS, BIGRAMS, DIGIT_WINDOWS])}
    ${fillIndex(DIGIT_WINDOWS)}
  `,
};
