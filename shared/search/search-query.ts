/**
 * What a search box query asks for: its terms, each a substring every hit must contain. The
 * trigram index finds terms of three or more characters; shorter ones (two-character names such
 * as 张三, or 公积) cannot be split into trigrams and are matched by LIKE instead.
 */
export interface SearchTerm {
  readonly text: string;
  /** Long enough for the trigram index. */
  readonly indexed: boolean;
}

export const MAX_TERMS = 8;
const MIN_TRIGRAM = 3;

/**
 * Terms of a query: NFKC (full-width digits and letters as typed on a Chinese IME), split at
 * spaces. Control characters go: no text holds them, and FTS5 reads NUL as the end of a string.
 */
export function searchTerms(query: string): SearchTerm[] {
  const seen = new Set<string>();
  const terms: SearchTerm[] = [];
  for (const raw of query.normalize('NFKC').replace(/\p{Cc}/gu, ' ').split(/\s+/u)) {
    const text = raw.trim();
    const key = text.toLowerCase();
    if (text === '' || seen.has(key)) continue;
    seen.add(key);
    terms.push({ text, indexed: [...text].length >= MIN_TRIGRAM });
  }
  return terms.slice(0, MAX_TERMS);
}

/** The FTS5 MATCH expression for the indexed terms: each one a quoted phrase, all required. */
export function matchExpression(terms: readonly SearchTerm[]): string | null {
  const phrases = terms.filter((t) => t.indexed).map((t) => `"${t.text.replace(/"/g, '""')}"`);
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}

/** A LIKE pattern for a term, its wildcards taken literally (escape character `\`). */
export const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
