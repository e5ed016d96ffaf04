import { z } from 'zod';
import type { PageOcr } from '../../../shared/contract';
import type { ChoiceField } from '../../../shared/fields/choices';
import { extractFields } from '../../../shared/fields/extract-fields';
import { DEFAULT_FIELD_PATTERNS, FieldPattern } from '../../../shared/fields/labeled-values';
import { pageResult } from '../store/repo/ocr-results';
import type { SchemeBody } from '../../../shared/filing/scheme';
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

/** The scheme's keyed business elements with choices: what a customer's form can say (婚姻状况). */
const choiceFields = (scheme: SchemeBody): ChoiceField[] =>
  scheme.fields.flatMap((f) => (f.type === 'choice' && f.group === 'business' && !f.derived && f.choices?.length ? [{ key: f.key, choices: f.choices, aliases: f.aliases }] : []));

/** A page's OCR with the field values proposed from it; undefined until the page has been read. */
export function readPageOcr(db: Db, scheme: SchemeBody, pageId: string): PageOcr | undefined {
  const stored = pageResult(db, pageId);
  if (!stored) return undefined;
  const { key: _key, ...result } = stored;
  return { page: pageId, ...result, proposals: extractFields(stored, { patterns: fieldPatterns(db), choiceFields: choiceFields(scheme) }) };
}
