import { z } from 'zod';

/** Records of filing: items (件) with their documents, checklists, dossiers and 档号. */

export const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const FieldProblem = z.object({ field: z.string(), message: Bilingual });
export type FieldProblemRecord = z.infer<typeof FieldProblem>;

export const Fields = z.record(z.string(), z.string());

export const FilingDocument = z.object({
  id: z.string(),
  material: z.string().nullable(),
  title: z.string(),
  pageIds: z.array(z.string()),
});
export type FilingDocument = z.infer<typeof FilingDocument>;

export const ItemVersion = z.object({
  version: z.number().int(),
  business: z.string(),
  businessDate: z.string(),
  fields: Fields,
  schemeVersion: z.number().int(),
  actor: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type ItemVersion = z.infer<typeof ItemVersion>;

export const FilingItem = z.object({
  id: z.string(),
  batchId: z.string(),
  business: z.string().nullable(),
  businessDate: z.string().nullable(),
  state: z.string(),
  version: z.number().int(),
  /** Current metadata; personal elements masked unless the caller asked to reveal them. */
  fields: Fields,
  masked: z.boolean(),
  archivalCode: z.string().nullable(),
  dossierId: z.string().nullable(),
  filedAt: z.string().nullable(),
  /** 容缺受理: why the item was filed with materials missing. */
  missingReason: z.string().nullable(),
  documents: z.array(FilingDocument),
  createdAt: z.string(),
});
export type FilingItem = z.infer<typeof FilingItem>;

export const ChecklistLine = z.object({
  material: z.string(),
  name: z.string(),
  nameEn: z.string(),
  rule: z.enum(['required', 'optional', 'conditional']),
  /** Conditional lines: the condition in words (e.g. 婚姻状况 = 已婚). */
  condition: z.string().nullable(),
  conditionEn: z.string().nullable(),
  note: z.string(),
  needed: z.boolean(),
  present: z.boolean(),
  pages: z.number().int(),
});
export type ChecklistLine = z.infer<typeof ChecklistLine>;

export const ChecklistCheck = z.object({
  item: z.string(),
  business: z.string(),
  /** The checklist: the business type's code and name. */
  checklist: z.string(),
  checklistName: z.string(),
  checklistNameEn: z.string(),
  /** The version in force on the business date, by its Chinese and its English name. */
  version: z.string(),
  versionEn: z.string(),
  effectiveFrom: z.string(),
  businessDate: z.string(),
  lines: z.array(ChecklistLine),
  missing: z.array(z.string()),
  complete: z.boolean(),
});
export type ChecklistCheck = z.infer<typeof ChecklistCheck>;

export const FileResult = z.object({
  item: z.string(),
  archivalCode: z.string(),
  dossier: z.string().nullable(),
  /** Materials missing when filed (容缺受理, with the recorded reason). */
  missing: z.array(z.string()),
  /** True when the item was filed before this call (the same 档号 is returned). */
  already: z.boolean(),
});
export type FileResult = z.infer<typeof FileResult>;

export const Dossier = z.object({
  id: z.string(),
  kind: z.enum(['person', 'loan', 'unit']),
  title: z.string(),
  keys: z.array(z.object({ field: z.string(), value: z.string() })),
  createdAt: z.string(),
  settledOn: z.string().nullable(),
  /** Last day to keep (loan dossiers: counted from settlement; null before it or when permanent). */
  retentionUntil: z.string().nullable(),
  items: z.array(
    z.object({ seq: z.number().int(), item: z.string(), business: z.string(), businessDate: z.string(), archivalCode: z.string(), addedAt: z.string() }),
  ),
});
export type Dossier = z.infer<typeof Dossier>;

/** An item filed with materials missing (容缺受理) that still lacks them. */
export const PendingItem = z.object({
  item: z.string(),
  batchId: z.string(),
  archivalCode: z.string(),
  business: z.string(),
  businessName: z.string(),
  businessNameEn: z.string(),
  businessDate: z.string(),
  filedAt: z.string(),
  /** Why it was filed incomplete, as recorded then. */
  reason: z.string(),
  missing: z.array(z.object({ material: z.string(), name: z.string(), nameEn: z.string() })),
});
export type PendingItem = z.infer<typeof PendingItem>;

/** Papers printed for one item: the customer's 受理回执, or the item's cover with its 卷内目录. */
export const ItemPaper = z.enum(['receipt', 'cover']);
export type ItemPaper = z.infer<typeof ItemPaper>;

export const ChecklistVersionSummary = z.object({ version: z.string(), versionEn: z.string(), effectiveFrom: z.string(), basis: z.string() });

export const BusinessTypeSummary = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  class: z.string(),
  className: z.string(),
  classNameEn: z.string(),
  dossier: z.enum(['person', 'loan', 'unit', 'none']),
  retention: z.string(),
  fields: z.array(z.string()),
  required: z.array(z.string()),
  checklists: z.array(ChecklistVersionSummary),
});
export type BusinessTypeSummary = z.infer<typeof BusinessTypeSummary>;

/** A ranked guess with its score (0…1), the cues it rests on and the strongest as a reason for people. */
export const Suggestion = z.object({ code: z.string(), score: z.number(), cues: z.array(z.string()), reason: z.string() });
export type Suggestion = z.infer<typeof Suggestion>;

export const PageSuggestion = z.object({
  page: z.string(),
  /** Whether any text was available (OCR or keyed) to classify from. */
  hasText: z.boolean(),
  /** Best first; empty when the best guess is not clearly ahead (nothing is offered then). */
  materials: z.array(Suggestion),
  businesses: z.array(Suggestion),
});
export type PageSuggestion = z.infer<typeof PageSuggestion>;

/** A page in the trash, with what the trash screen shows of it (its place and thumbnail). */
export const TrashedPage = z.object({
  page: z.string(),
  document: z.string(),
  seq: z.number().int(),
  thumbSha256: z.string(),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});
export type TrashedPage = z.infer<typeof TrashedPage>;

/** A document of a batch as page editing sees it: its pages in order, its item, whether that item is filed. */
export const BatchDocument = z.object({
  id: z.string(),
  itemId: z.string().nullable(),
  material: z.string().nullable(),
  title: z.string(),
  pageIds: z.array(z.string()),
  filed: z.boolean(),
});
export type BatchDocument = z.infer<typeof BatchDocument>;
