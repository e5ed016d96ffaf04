import type { backfileMethods } from '../../../shared/contract/backfile-api';
import { fieldChecks } from '../../../shared/fields/field-checks';
import { importCatalogue, previewCatalogue, readCatalogueFile } from '../backfile/catalogue-store';
import { compareItemKeyings, resolveKeyings, submitKeying } from '../backfile/double-entry';
import { linkCatalogue } from '../backfile/link-catalogue';
import { createSample, decideSample, getSample, judgePage, listRescans, listSamples, replaceRescanned } from '../backfile/qc-store';
import { SchemeSource } from '../filing/scheme-source';
import path from 'node:path';
import type { CallContext, Handlers } from './dispatcher';
import { DeskError } from '../errors';
import type { HandlerDeps } from '../handler-deps';

type BackfileHandlers = Pick<Handlers, keyof typeof backfileMethods>;

/** The signed-in user's name (the table admits only signed-in callers to keying). */
function keyerOf(call: CallContext): string {
  if (!call.user) throw new DeskError('unauthenticated', '请先登录 / sign in first');
  return call.user.name;
}

/** The back office's API: thin over the backfile modules. */
export function createBackfileHandlers(deps: HandlerDeps): BackfileHandlers {
  const { db } = deps;
  const schemes = new SchemeSource(db);
  const changed = (batchId: string) => deps.emit({ type: 'batch.changed', batchId });
  return {
    'catalogue.preview': async (req) => previewCatalogue(schemes.current().body, fieldChecks, await readCatalogueFile(req.path), req.mapping),
    'catalogue.import': async (req) =>
      importCatalogue(db, deps.actor, schemes.current().body, fieldChecks, { batchId: req.batchId, name: path.basename(req.path), table: await readCatalogueFile(req.path), mapping: req.mapping }),
    'catalogue.link': async (req) => {
      const result = await linkCatalogue(deps, schemes.current(), req);
      changed(db.prepare('SELECT batch_id FROM catalogues WHERE id = ?').pluck().get(req.catalogueId) as string);
      return result;
    },
    // The keyer is who signed in, never a name the request brings.
    'keying.submit': (req, call) => submitKeying(db, keyerOf(call), schemes.current(), req),
    'keying.compare': (req) => compareItemKeyings(db, req.itemId),
    'keying.resolve': (req, call) => resolveKeyings(db, keyerOf(call), schemes.current(), req.itemId, req.choices),
    'qc.sample': (req) => createSample(db, deps.actor, req),
    'qc.get': (req) => getSample(db, req.sampleId),
    'qc.list': (req) => listSamples(db, req.batchId),
    'qc.judge': (req) => judgePage(db, deps.actor, req),
    'qc.decide': (req) => decideSample(db, deps.actor, req.sampleId, req.note),
    'rescans.list': (req) => listRescans(db, req.batchId),
    'rescans.replace': (req) => {
      replaceRescanned(db, deps.actor, req.oldPageId, req.newPageId);
      changed(db.prepare('SELECT batch_id FROM pages WHERE id = ?').pluck().get(req.oldPageId) as string);
      return { ok: true };
    },
  };
}
