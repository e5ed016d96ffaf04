import { z } from 'zod';
import { SchemeBody } from '../filing/scheme';
import {
  BatchDocument,
  BusinessTypeSummary,
  ChecklistCheck,
  Dossier,
  FileResult,
  FilingItem,
  ItemVersion,
  PageSuggestion,
  TrashedPage,
} from './filing';

const Id = z.string().min(1).max(200);
const Ids = z.array(Id).min(1).max(10_000);
const Reason = z.string().trim().min(1).max(500);
const IsoDay = z.string().trim().min(8).max(20);
const FieldInput = z.record(z.string().max(40), z.string().max(1000));

export const SchemeVersionInfo = z.object({ version: z.number().int(), sha256: z.string(), source: z.enum(['shipped', 'station', 'central']), actor: z.string(), reason: z.string(), createdAt: z.string() });

export const SplitProblem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('leading_pages') }),
  z.object({ kind: z.literal('page_count'), expected: z.number().int(), actual: z.number().int(), missedSeparatorBefore: z.string().nullable() }),
  z.object({ kind: z.literal('repeated_key') }),
]);

export const SplitResult = z.object({
  batch: z.string(),
  items: z.array(
    z.object({ item: z.string(), key: z.string().nullable(), business: z.string().nullable(), pages: z.number().int(), sheetPages: z.number().int(), problems: z.array(SplitProblem) }),
  ),
  emptySheets: z.array(z.string()),
  unread: z.number().int(),
});
export type SplitResultRecord = z.infer<typeof SplitResult>;

export const SheetRequest = z.object({
  business: z.string().max(40).optional(),
  businessDate: IsoDay.optional(),
  fields: FieldInput.optional(),
  expectedPages: z.number().int().min(1).max(10_000).optional(),
});

const Ok = z.object({ ok: z.literal(true) });

/** Filing calls: scheme, items, checklists, page arrangement, dossiers, sheets and split. */
export const filingMethods = {
  'scheme.get': { request: z.object({ version: z.number().int().min(1).optional() }), response: z.object({ version: z.number().int(), body: SchemeBody }) },
  'scheme.versions': { request: z.object({}), response: z.array(SchemeVersionInfo) },
  /** Store an edited scheme (validated) as the next version; the reason is recorded. */
  'scheme.save': { request: z.object({ body: z.unknown(), reason: Reason }), response: z.object({ version: z.number().int() }) },
  'business.types': { request: z.object({}), response: z.array(BusinessTypeSummary) },
  'items.create': {
    request: z.object({ batchId: Id, business: z.string().trim().min(1).max(40), businessDate: IsoDay, fields: FieldInput.default({}) }),
    response: FilingItem,
  },
  'items.list': { request: z.object({ batchId: Id }), response: z.array(FilingItem) },
  /** One item with its versions; `reveal` shows personal data unmasked (and is audited). */
  'items.get': { request: z.object({ id: Id, reveal: z.boolean().default(false) }), response: FilingItem.extend({ versions: z.array(ItemVersion) }) },
  'items.correct': {
    request: z.object({ id: Id, fields: FieldInput.default({}), reason: Reason, business: z.string().max(40).optional(), businessDate: IsoDay.optional() }),
    response: FilingItem,
  },
  'items.check': { request: z.object({ id: Id }), response: ChecklistCheck },
  /** Put pages into the item's document of a material; a filed item takes them only as a supplement with a reason. */
  'items.assign': { request: z.object({ itemId: Id, pageIds: Ids, material: z.string().max(40), reason: Reason.optional() }), response: z.object({ document: z.string(), material: z.string() }) },
  'items.file': { request: z.object({ id: Id, allowMissing: Reason.optional() }), response: FileResult },
  /** The batch's documents with live pages (loose and in items), for moving pages between them. */
  'documents.list': { request: z.object({ batchId: Id }), response: z.array(BatchDocument) },
  'documents.material': { request: z.object({ id: Id, material: z.string().max(40) }), response: Ok },
  'documents.split': { request: z.object({ id: Id, atPage: Id }), response: z.object({ document: z.string() }) },
  'documents.merge': { request: z.object({ target: Id, sources: Ids }), response: z.object({ document: z.string() }) },
  'pages.reorder': { request: z.object({ documentId: Id, pageIds: Ids }), response: Ok },
  'pages.move': { request: z.object({ pageIds: Ids, documentId: Id }), response: Ok },
  /** Take pages back out of their (unfiled) items: loose and unsorted again. */
  'pages.unassign': { request: z.object({ pageIds: Ids }), response: Ok },
  'pages.rotate': { request: z.object({ id: Id, degrees: z.union([z.literal(90), z.literal(180), z.literal(270)]) }), response: Ok },
  'pages.trash': { request: z.object({ pageIds: Ids, reason: Reason }), response: Ok },
  'pages.restore': { request: z.object({ pageIds: Ids }), response: Ok },
  'trash.list': { request: z.object({ batchId: Id }), response: z.array(TrashedPage) },
  /** Material and business suggestions for pages, from their text. */
  'classify.pages': { request: z.object({ pageIds: Ids }), response: z.array(PageSuggestion) },
  'dossiers.get': { request: z.object({ id: Id }), response: Dossier },
  'dossiers.find': { request: z.object({ field: z.string().max(40), value: z.string().max(100) }), response: Dossier.nullable() },
  /** Register and lay out separator/cover sheets; the PDF is stored and named by its hash. */
  'sheets.print': {
    request: z.object({ batchId: Id, kind: z.enum(['separator', 'cover']), sheets: z.array(SheetRequest).min(1).max(1000) }),
    response: z.object({ keys: z.array(z.string()), pdfSha256: z.string() }),
  },
  /** Read barcodes on the batch's loose pages, then split it into items at its sheets. */
  'batches.split': { request: z.object({ batchId: Id, keepSheets: z.boolean().default(false) }), response: SplitResult },
} as const;
