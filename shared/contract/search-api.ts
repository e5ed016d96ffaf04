import { z } from 'zod';

export const SearchKind = z.enum(['page', 'document', 'item', 'dossier']);
export type SearchKind = z.infer<typeof SearchKind>;

export const SearchHit = z.object({
  /** The page, document, item or dossier found. */
  id: z.string(),
  kind: SearchKind,
  /** Text around the match, personal data always masked. */
  snippet: z.string(),
  /** [start, end) of the query's terms in the snippet. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  /** Relevance (BM25), higher is better; comparable within one answer. */
  score: z.number(),
  /** What the hit is called: the batch and page number, a document's title, an item's 档号, a dossier's title. */
  title: z.string(),
  /** Where to open it: its batch and first page (null for a dossier, or an item without pages). */
  batchId: z.string().nullable(),
  pageId: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A query the desk will not run, and why: a single character matches nearly every page. */
export const SearchRefusal = z.object({
  code: z.literal('single_character'),
  /** The terms refused. */
  terms: z.array(z.string()),
  message: z.string(),
});
export type SearchRefusal = z.infer<typeof SearchRefusal>;

export const SearchResult = z.object({
  query: z.string(),
  /** The best hits by BM25 over every match, at most the limit asked for. */
  hits: z.array(SearchHit),
  /** How many records match in all: more than `hits` when the limit cut the list. */
  total: z.number().int().nonnegative(),
  refused: SearchRefusal.nullable(),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const SEARCH_LIMIT_MAX = 200;

/** Search calls (spread into the contract's methods). */
export const searchMethods = {
  /** Full-text (OCR) and metadata search; every hit's snippet is masked. */
  search: {
    request: z.object({
      query: z.string().trim().min(1).max(200),
      limit: z.number().int().min(1).max(SEARCH_LIMIT_MAX).default(20),
    }),
    response: SearchResult,
  },
} as const;
