import { getPage } from '../store/repo/pages';
import { getBatch } from '../store/repo/batches';
import { pageStates } from '../store/repo/ocr-results';
import { setDefaultEngine } from '../ocr/ocr-engine-setting';
import type { OcrService } from '../ocr/ocr-service';
import { PRIORITY } from '../ocr/ocr-queue';
import { readPageOcr } from '../ocr/page-ocr';
import type { Db } from '../store/open-database';
import { DeskError } from '../errors';
import { appendEvent } from '../audit/event-log';
import { holds } from '../auth/access';
import { SchemeSource } from '../filing/scheme-source';
import { withTickedChoices } from '../filing/ticked-on-page';
import type { BlobStore } from '../files/blob-store';
import { maskPageOcr } from '../../../shared/filing/mask-ocr';
import type { Handlers } from './dispatcher';

type OcrHandlers = Pick<Handlers, 'ocr.status' | 'ocr.pages' | 'ocr.page' | 'ocr.enqueue' | 'ocr.cancel' | 'ocr.setEngine'>;

export function createOcrHandlers(deps: { readonly db: Db; readonly blobs: BlobStore; readonly ocr: OcrService }): OcrHandlers {
  const { db, ocr } = deps;
  const schemes = new SchemeSource(db);
  const batchOrThrow = (id: string) => {
    if (!getBatch(db, id)) throw new DeskError('not_found', `no batch ${id}`);
  };
  return {
    'ocr.status': () => ocr.status(),
    'ocr.pages': (req) => {
      batchOrThrow(req.batchId);
      return pageStates(db, { batchId: req.batchId });
    },
    // The page on screen in full for who may reveal, and that view is audited (as the caller: the
    // page's image may have been read in between, so no ambient actor is trusted); masked for the rest.
    'ocr.page': async (req, call) => {
      if (!getPage(db, req.pageId)) throw new DeskError('not_found', `no page ${req.pageId}`);
      const scheme = schemes.current().body;
      const read = readPageOcr(db, scheme, req.pageId);
      if (!read) return null;
      const full = await withTickedChoices(db, deps.blobs, scheme, read);
      const masked = maskPageOcr(scheme, full);
      const viewer = call.user;
      if (!viewer || !holds(viewer, 'pii.reveal')) return masked;
      const fields = masked.proposals.filter((p, i) => p.value !== full.proposals[i]!.value).map((p) => p.field);
      if (masked.text !== full.text || fields.length > 0) {
        db.transaction(() => appendEvent(db, { actor: viewer.name, kind: 'pii.viewed', subject: req.pageId, data: { via: 'ocr.page', fields: [...new Set(fields)] } })).immediate();
      }
      return full;
    },
    'ocr.enqueue': (req) => {
      if (req.batchId !== undefined) batchOrThrow(req.batchId);
      for (const id of req.pageIds ?? []) if (!getPage(db, id)) throw new DeskError('not_found', `no page ${id}`);
      return ocr.enqueue({
        batchId: req.batchId,
        pageIds: req.pageIds,
        engine: req.engine,
        priority: req.foreground ? PRIORITY.foreground : undefined,
        revive: req.revive,
      });
    },
    'ocr.cancel': (req) => {
      if (req.batchId !== undefined) batchOrThrow(req.batchId);
      return { cancelled: ocr.cancel(req.batchId) };
    },
    'ocr.setEngine': (req) => {
      setDefaultEngine(db, req.engine);
      return ocr.status();
    },
  };
}
