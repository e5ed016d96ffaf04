import { getPage } from '../store/repo/pages';
import { getBatch } from '../store/repo/batches';
import { pageStates } from '../store/repo/ocr-results';
import { setDefaultEngine } from '../ocr/ocr-engine-setting';
import type { OcrService } from '../ocr/ocr-service';
import { PRIORITY } from '../ocr/ocr-queue';
import { readPageOcr } from '../ocr/page-ocr';
import type { Db } from '../store/open-database';
import { DeskError } from '../errors';
import type { Handlers } from './dispatcher';

type OcrHandlers = Pick<Handlers, 'ocr.status' | 'ocr.pages' | 'ocr.page' | 'ocr.enqueue' | 'ocr.cancel' | 'ocr.setEngine'>;

export function createOcrHandlers(deps: { readonly db: Db; readonly ocr: OcrService }): OcrHandlers {
  const { db, ocr } = deps;
  const batchOrThrow = (id: string) => {
    if (!getBatch(db, id)) throw new DeskError('not_found', `no batch ${id}`);
  };
  return {
    'ocr.status': () => ocr.status(),
    'ocr.pages': (req) => {
      batchOrThrow(req.batchId);
      return pageStates(db, { batchId: req.batchId });
    },
    'ocr.page': (req) => {
      if (!getPage(db, req.pageId)) throw new DeskError('not_found', `no page ${req.pageId}`);
      return readPageOcr(db, req.pageId) ?? null;
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
