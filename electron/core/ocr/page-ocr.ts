import { z } from 'zod';
import type { PageOcr } from '../../../shared/contract';
import { extractFields } from '../../../shared/fields/extract-fields';
import { DEFAULT_FIELD_PATTERNS, FieldPattern } from '../../../shared/fields/labeled-values';
import { pageResult } from '../store/repo/ocr-results';
import type { Db } from '../store/open-database';

const PATTERNS_KEY = 'ocr.fieldPatterns';

/** The centre's label patterns for contract and account numbers (settings), else the defaults. */
export function fieldPatterns(db: Db): readonly FieldPattern[] {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(PATTERNS_KEY) as string | undefined;
  if (stored === undefined) return DEFAULT_FIELD_PATTERNS;
  try {
    return z.array(FieldPattern).parse(JSON.parse(stored));
  } catch {
    return DEFAULT_FIELD_PATTERNS;
  }
}

/** A page's OCR with the field values proposed from it; undefined until the page has been read. */
export function readPageOcr(db: Db, pageId: string): PageOcr | undefined {
  const stored = pageResult(db, pageId);
  if (!stored) return undefined;
  const { key: _key, ...result } = stored;
  return { page: pageId, ...result, proposals: extractFields(stored, { patterns: fieldPatterns(db) }) };
}
