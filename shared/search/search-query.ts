/**
 * What a search box query asks for: its terms, each a substring every hit must contain. Terms of
 * three or more characters are found through the trigram index, two-character terms (names such
 * as 张三, or 公积) through the index of two-character pieces; a single character matches nearly
 * every page and is refused with a message rather than answered slowly or partly.
 */
export type TermIndex = 'trigram' | 'bigram' | 'single';

export interface SearchTerm {
  readonly text: string;
  readonly index: TermIndex;
}

export const MAX_TERMS = 8;

const indexFor = (length: number): TermIndex => (length >= 3 ? 'trigram' : length === 2 ? 'bigram' : 'single');

/**
 * Terms of a query: NFKC (full-width digits and letters as typed on a Chinese IME), split at
 * spaces. Control characters go: no text holds them, and FTS5 reads NUL as the end of a string.
 * Length is counted in code points, as SQLite counts characters.
 */
export function searchTerms(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const raw of query.normalize('NFKC').replace(/\p{Cc}/gu, ' ').split(/\s+/u)) {
    const text = raw.trim();
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    terms.push({ text, index: indexFor([...text].length) });
  }
  return terms.slice(0, MAX_TERMS);
}

/** The FTS5 MATCH expression for the trigram terms: each one a quoted phrase, all required. */
export function matchExpression(terms: readonly SearchTerm[]): string | null {
  const phrases = terms.filter((t) => t.index === 'trigram').map((t) => `"${t.text.replace(/"/g, '""')}"`);
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}
