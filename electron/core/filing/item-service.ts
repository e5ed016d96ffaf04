import type { FieldProblemRecord } from '../../../shared/contract/filing';
import type { Fields } from '../../../shared/filing/checklist';
import { problemText, validateFields, type FieldChecks } from '../../../shared/filing/metadata-rules';
import type { BusinessType, Scheme } from '../../../shared/filing/scheme';
import { DeskError } from '../errors';
import { getBatch } from '../store/repo/batches';
import type { Db } from '../store/open-database';
import { businessOrThrow, checklistOrThrow } from './check-item';
import { addVersion, insertItem, itemOrThrow, latestVersion } from './item-store';

/** Refuse invalid metadata with every problem, in both languages, as the details. */
export function refuseProblems(problems: readonly FieldProblemRecord[]): never {
  throw new DeskError('bad_request', problemText(problems), { problems });
}

/** A business date: a real calendar day, not in the future. */
export function checkBusinessDate(checks: FieldChecks, value: string): string {
  const result = checks.date(value);
  if (!result.ok) throw new DeskError('bad_request', `办理日期：${result.message.zh} / business date: ${result.message.en}`);
  if (result.value > new Date().toISOString().slice(0, 10)) {
    throw new DeskError('bad_request', `办理日期 ${result.value} 在将来 / the business date is in the future`);
  }
  return result.value;
}

export interface CreateItemInput {
  readonly batchId: string;
  readonly business: string;
  readonly businessDate: string;
  readonly fields: Fields;
}

/** A new draft item (件) for a business on its date, with its checked metadata. */
export function createItem(db: Db, actor: string, scheme: Scheme, checks: FieldChecks, input: CreateItemInput): { id: string; business: BusinessType; checklist: string } {
  const batch = getBatch(db, input.batchId);
  if (!batch) throw new DeskError('not_found', `没有这个批次 / no batch ${input.batchId}`);
  if (batch.state !== 'open') throw new DeskError('conflict', `批次已关闭 / batch ${batch.name} is closed`);
  const business = businessOrThrow(scheme.body, input.business);
  const businessDate = checkBusinessDate(checks, input.businessDate);
  const checklist = checklistOrThrow(business, businessDate);
  const verdict = validateFields(scheme.body, input.fields, checks, { business });
  if (verdict.problems.length > 0) refuseProblems(verdict.problems);
  const id = insertItem(db, actor, { batchId: batch.id, business: business.code, businessDate, fields: verdict.values, schemeVersion: scheme.version });
  return { id, business, checklist: checklist.version };
}

export interface CorrectItemInput {
  readonly id: string;
  /** Elements to set; an empty string clears one. */
  readonly fields: Fields;
  readonly reason: string;
  readonly business?: string;
  readonly businessDate?: string;
}

/** A correction: the next version of the item's metadata, with who, when and why. */
export function correctItem(db: Db, actor: string, scheme: Scheme, checks: FieldChecks, input: CorrectItemInput): number {
  if (input.reason.trim() === '') throw new DeskError('bad_request', '请说明更正原因 / give a reason for the correction');
  const item = itemOrThrow(db, input.id, null);
  // An item split off a batch has no metadata yet: its first version names business and date.
  const current = latestVersion(db, input.id);
  const businessCode = input.business ?? current?.business;
  const dateText = input.businessDate ?? current?.businessDate;
  if (!businessCode || !dateText) throw new DeskError('bad_request', '请给出业务类型和办理日期 / give the business and its date');
  const business = businessOrThrow(scheme.body, businessCode);
  const businessDate = checkBusinessDate(checks, dateText);
  checklistOrThrow(business, businessDate);
  const merged = { ...(current?.fields ?? {}), ...input.fields };
  const verdict = validateFields(scheme.body, merged, checks, { business, requireAll: item.filedAt !== null });
  if (verdict.problems.length > 0) refuseProblems(verdict.problems);
  return addVersion(db, actor, input.id, input.reason.trim(), { business: business.code, businessDate, fields: verdict.values, schemeVersion: scheme.version });
}
