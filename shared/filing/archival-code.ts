import { RETENTION_YEARS, type RetentionCode } from './scheme';

/**
 * 档号 by item (DA/T 13-2022, DA/T 22-2015): `全宗号-门类代码·年度-保管期限-机构(问题)代码-件号`,
 * e.g. J017-GJJ·2025-D30-TQ-0042. `-` separates levels, `·` joins codes of one level; 件号 is
 * zero-padded to 4 digits and counts from 0001 within the lowest class, i.e. per prefix.
 */
export interface ArchivalCodeParts {
  readonly fonds: string;
  readonly category: string;
  readonly year: number;
  readonly retention: RetentionCode;
  readonly classCode: string;
  readonly number: number;
}

const PATTERN = /^([A-Z0-9]{1,12})-([A-Z]{1,6})·(\d{4})-(Y|D30|D10)-([A-Z0-9]{1,12})-(\d{4,6})$/;

/** The class the 件号 counts in: everything but the 件号. */
export function archivalPrefix(p: Omit<ArchivalCodeParts, 'number'>): string {
  return `${p.fonds}-${p.category}·${p.year}-${p.retention}-${p.classCode}`;
}

export function formatArchivalCode(p: ArchivalCodeParts): string {
  if (!Number.isInteger(p.number) || p.number < 1 || p.number > 999_999) throw new RangeError(`件号 out of range: ${p.number}`);
  return `${archivalPrefix(p)}-${String(p.number).padStart(4, '0')}`;
}

export function parseArchivalCode(code: string): ArchivalCodeParts | null {
  const m = PATTERN.exec(code.trim());
  if (!m) return null;
  return {
    fonds: m[1]!,
    category: m[2]!,
    year: Number(m[3]),
    retention: m[4] as RetentionCode,
    classCode: m[5]!,
    number: Number(m[6]),
  };
}

/**
 * The last day a record must be kept: null while its period has not started (a loan dossier
 * before settlement) or when kept permanently.
 */
export function retentionUntil(retention: RetentionCode, startDate: string | null): string | null {
  const years = RETENTION_YEARS[retention];
  if (years === null || startDate === null) return null;
  const year = Number(startDate.slice(0, 4)) + years;
  return `${year}${startDate.slice(4, 10)}`;
}
