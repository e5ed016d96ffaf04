import { DeskError } from '../errors';
import type { Handlers } from './dispatcher';
import type { HandlerDeps } from '../handler-deps';
import { suggestFromImage } from '../filing/classifier-store';
import { findDossierByKey, getDossier } from '../filing/dossiers';
import { filingService } from '../filing/filing-service';
import { itemOrThrow } from '../filing/item-store';
import {
  listBatchDocuments,
  listTrash,
  mergeDocuments,
  movePages,
  unassignPages,
  reorderPages,
  restorePages,
  setMaterial,
  splitDocument,
  trashPages,
  type Touched,
} from '../pages/page-ops';
import { rotatePage } from '../pages/rotate-page';
import { printSheets } from '../separators/sheets';
import { fieldChecks } from '../../../shared/fields/field-checks';
import type { filingMethods } from '../../../shared/contract/filing-api';
import { getBatch } from '../store/repo/batches';

type FilingHandlers = Pick<Handlers, keyof typeof filingMethods>;

const OK = { ok: true } as const;

/** The filing API: thin over the filing service and the page operations. */
export function createFilingHandlers(deps: HandlerDeps): FilingHandlers {
  const { db } = deps;
  const filing = filingService(deps);
  // Screens showing the batch (thumbnails, checklist) reload on this event.
  const changed = (batchId: string) => deps.emit({ type: 'batch.changed', batchId });
  // The page operations return the batch they touched: announce it, answer OK.
  const touched = ({ batchId }: Touched) => {
    changed(batchId);
    return OK;
  };
  return {
    'scheme.get': (req) => (req.version ? filing.schemes.at(req.version) : filing.scheme()),
    'scheme.versions': () => filing.schemes.versions(),
    'scheme.save': (req) => ({ version: filing.schemes.save(deps.actor, req.body, req.reason).version }),
    'business.types': () => filing.businessTypes(),
    'items.create': (req) => {
      const { item } = filing.createItem(req);
      changed(item.batchId);
      return item;
    },
    'items.list': (req) => {
      if (!getBatch(db, req.batchId)) throw new DeskError('not_found', `no batch ${req.batchId}`);
      return filing.listItems(req.batchId);
    },
    'items.get': (req) => filing.getItem(req.id, req.reveal),
    'items.correct': (req) => {
      const item = filing.correct(req);
      changed(item.batchId);
      return item;
    },
    'items.check': (req) => filing.check(req.id),
    'items.assign': (req) => {
      const { batchId, ...result } = filing.assign(req);
      changed(batchId);
      return result;
    },
    'items.file': (req) => {
      const result = filing.file(req.id, req.allowMissing ? { allowMissing: req.allowMissing } : {});
      changed(itemOrThrow(db, req.id, null).batchId);
      return result;
    },
    'documents.list': (req) => {
      if (!getBatch(db, req.batchId)) throw new DeskError('not_found', `no batch ${req.batchId}`);
      return listBatchDocuments(db, req.batchId);
    },
    'documents.material': (req) => touched(setMaterial(db, deps.actor, filing.scheme().body, req.id, req.material)),
    'documents.split': (req) => {
      const { document, batchId } = splitDocument(db, deps.actor, req.id, req.atPage);
      changed(batchId);
      return { document };
    },
    'documents.merge': (req) => {
      const { document, batchId } = mergeDocuments(db, deps.actor, req.target, req.sources);
      changed(batchId);
      return { document };
    },
    'pages.reorder': (req) => touched(reorderPages(db, deps.actor, req.documentId, req.pageIds)),
    'pages.move': (req) => touched(movePages(db, deps.actor, req.pageIds, req.documentId)),
    'pages.unassign': (req) => touched(unassignPages(db, deps.actor, req.pageIds)),
    'pages.rotate': async (req) => touched(await rotatePage(db, deps.blobs, deps.actor, req.id, req.degrees)),
    'pages.trash': (req) => touched(trashPages(db, deps.actor, req.pageIds, req.reason)),
    'pages.restore': (req) => touched(restorePages(db, deps.actor, req.pageIds)),
    'trash.list': (req) => listTrash(db, req.batchId),
    'classify.pages': (req) => {
      const { body } = filing.scheme();
      return Promise.all(req.pageIds.map((id) => suggestFromImage(db, deps.blobs, body, id)));
    },
    'dossiers.get': (req) => getDossier(db, filing.scheme().body, req.id),
    'dossiers.find': (req) => {
      const id = findDossierByKey(db, req.field, req.value);
      return id ? getDossier(db, filing.scheme().body, id) : null;
    },
    'sheets.print': async (req) => {
      const { keys, pdf } = await printSheets(db, deps.actor, filing.scheme(), fieldChecks, req);
      const pdfSha256 = await deps.blobs.put(Buffer.from(pdf));
      // Recorded like every stored object, so `verify` checks it too.
      db.prepare("INSERT OR IGNORE INTO files (sha256, size, mime, created_at) VALUES (?, ?, 'application/pdf', ?)").run(pdfSha256, pdf.length, new Date().toISOString());
      return { keys, pdfSha256 };
    },
    'batches.split': async (req) => {
      const result = await filing.split(req.batchId, req.keepSheets);
      changed(req.batchId);
      return result;
    },
  };
}
