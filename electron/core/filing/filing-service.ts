import type { BusinessTypeSummary, ChecklistCheck, FileResult, FilingItem, ItemVersion } from '../../../shared/contract/filing';
import { fieldChecks } from '../../../shared/fields/field-checks';
import { maskFields } from '../../../shared/filing/metadata-rules';
import { retentionOf, type Scheme } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { catalogueCodeOf } from '../backfile/catalogue-store';
import { checkItem } from './check-item';
import { learnChoice } from './classifier-store';
import { fileItem, type FileOptions } from './file-item';
import { correctItem, createItem, type CorrectItemInput, type CreateItemInput } from './item-service';
import { itemOrThrow, itemVersions, listBatchItems } from './item-store';
import { assignPages } from '../pages/page-ops';
import { SchemeSource } from './scheme-source';
import type { BarcodeReader } from '../separators/barcode-reader';
import { detectSheets, splitBatch, type SplitResult } from '../separators/split-batch';

export interface FilingDeps {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly actor: string;
  readonly barcodes: BarcodeReader;
}

/**
 * Filing's operations as the API and the command line use them: the scheme in force, items
 * with their checks, assignment (which also teaches the classifier), filing, and sheet split.
 * One place, so a call means the same from the window and from a script.
 */
export function filingService(deps: FilingDeps) {
  const { db } = deps;
  const schemes = new SchemeSource(db);
  const scheme = (): Scheme => schemes.current();

  return {
    schemes,
    scheme,
    businessTypes(): BusinessTypeSummary[] {
      const { body } = scheme();
      return body.businessTypes.map((b) => ({
        code: b.code,
        name: b.name,
        nameEn: b.nameEn,
        class: b.class,
        className: body.classes.find((c) => c.code === b.class)?.name ?? b.class,
        classNameEn: body.classes.find((c) => c.code === b.class)?.nameEn ?? b.class,
        dossier: b.dossier,
        retention: retentionOf(body, b).code,
        fields: b.fields,
        required: b.required,
        checklists: b.checklists.map((c) => ({ version: c.version, versionEn: c.versionEn ?? c.version, effectiveFrom: c.effectiveFrom, basis: c.basis })),
      }));
    },
    createItem(input: CreateItemInput): { item: FilingItem; checklist: string } {
      const s = scheme();
      const created = createItem(db, deps.actor, s, fieldChecks, input);
      return { item: itemOrThrow(db, created.id, s.body), checklist: created.checklist };
    },
    listItems: (batchId: string): FilingItem[] => listBatchItems(db, batchId, scheme().body),
    /**
     * An item with its versions; unmasked only when asked (the caller's permission is checked by
     * the dispatcher), and every such view is audited: who (actor), when, which item and elements.
     */
    getItem(id: string, reveal: boolean): FilingItem & { versions: ItemVersion[] } {
      const item = itemOrThrow(db, id, reveal ? null : scheme().body);
      if (reveal) {
        const masked = maskFields(scheme().body, item.fields);
        const fields = Object.keys(item.fields).filter((k) => masked[k] !== item.fields[k]);
        db.transaction(() => appendEvent(db, { actor: deps.actor, kind: 'pii.viewed', subject: id, data: { fields, archivalCode: item.archivalCode } })).immediate();
      }
      return { ...item, versions: reveal ? itemVersions(db, id) : [] };
    },
    correct(input: CorrectItemInput): FilingItem {
      const s = scheme();
      correctItem(db, deps.actor, s, fieldChecks, input);
      return itemOrThrow(db, input.id, s.body);
    },
    check: (id: string): ChecklistCheck => checkItem(db, scheme().body, id),
    /** Assign pages to a material; the choice teaches the station's classifier (material and business). */
    assign(input: { itemId: string; pageIds: readonly string[]; material: string; reason?: string }) {
      const s = scheme();
      const result = assignPages(db, deps.actor, s.body, { ...input, supplementReason: input.reason });
      const business = itemOrThrow(db, input.itemId, null).business;
      for (const page of input.pageIds) {
        learnChoice(db, s.body, deps.actor, 'material', page, result.material);
        if (business) learnChoice(db, s.body, deps.actor, 'business', page, business);
      }
      return result;
    },
    /** File an item; one linked from an old catalogue keeps the 档号 the catalogue gives it. */
    file(id: string, options: FileOptions = {}): FileResult {
      const adoptCode = options.adoptCode ?? catalogueCodeOf(db, id);
      return fileItem(db, deps.actor, scheme(), fieldChecks, id, { ...options, ...(adoptCode ? { adoptCode } : {}) });
    },
    /** Read barcodes on the batch's loose pages (in the barcode worker), then split it at its sheets. */
    async split(batchId: string, keepSheets: boolean, onPage?: (done: number, total: number) => void): Promise<SplitResult & { failed: Array<{ page: string; error: string }> }> {
      const detected = await detectSheets(db, deps.blobs, deps.barcodes, batchId, onPage);
      const result = splitBatch(db, deps.actor, scheme(), fieldChecks, batchId, { keepSheets });
      return { ...result, failed: detected.failed };
    },
  };
}

export type FilingService = ReturnType<typeof filingService>;
