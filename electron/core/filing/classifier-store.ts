import type { PageSuggestion } from '../../../shared/contract/filing';
import { classifyPage, features, learnFrom, whenSure, type PageText, type Ranked, type Target, type Weights } from '../../../shared/filing/classify';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { appendEvent } from '../audit/event-log';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { pageResult } from '../store/repo/ocr-results';
import { nowIso } from '../util/ids';
import { withTickedBoxes } from './ticked-on-page';

/**
 * A page as the classifier reads it: the OCR module's text with its lines, boxes and page size
 * (the layout cues) once the page has been read; until then (or on stations without OCR) there
 * is no text and no suggestion is made.
 */
export function pageReading(db: Db, pageId: string): PageText {
  const r = pageResult(db, pageId);
  return r ? { text: r.text, layout: { width: r.width, height: r.height, angle: r.angle, lines: r.lines } } : { text: '' };
}

export function loadWeights(db: Db, target: Target): Weights {
  const weights = new Map<string, Map<string, number>>();
  const rows = db.prepare('SELECT feature, label, weight FROM classifier_weights WHERE target = ? AND weight != 0').iterate(target) as IterableIterator<{
    feature: string; label: string; weight: number;
  }>;
  for (const r of rows) {
    const byLabel = weights.get(r.feature) ?? new Map<string, number>();
    byLabel.set(r.label, r.weight);
    weights.set(r.feature, byLabel);
  }
  return weights;
}

/** Everything the classifier ranks, sure or not (learning compares the choice with the best). */
function rankPage(db: Db, scheme: SchemeBody, page: PageText) {
  return classifyPage(scheme, page, { material: loadWeights(db, 'material'), business: loadWeights(db, 'business') });
}

/**
 * What the desk offers for a page (the UI and `hpf-desk suggest` alike): the rankings when their
 * best guess is clear, else empty lists, so nothing is pre-selected for Enter to accept.
 */
export function suggestForPage(db: Db, scheme: SchemeBody, pageId: string, page = pageReading(db, pageId)): PageSuggestion {
  const result = rankPage(db, scheme, page);
  const plain = (r: Ranked) => ({ ...r, cues: [...r.cues] });
  return {
    page: pageId,
    hasText: page.text.trim() !== '',
    materials: whenSure(result.materials).map(plain),
    businesses: whenSure(result.businesses).map(plain),
  };
}

/** suggestForPage with the boxes the page's image shows ticked (decodes the image when it prints options). */
export async function suggestFromImage(db: Db, blobs: BlobStore, scheme: SchemeBody, pageId: string): Promise<PageSuggestion> {
  return suggestForPage(db, scheme, pageId, await withTickedBoxes(db, blobs, scheme, pageId, pageReading(db, pageId)));
}

/**
 * The clerk's choice for a page: the station's weights count it (see learnFrom), and a choice
 * that differs from the suggestion is recorded as a correction (the bench and reviews use them).
 */
export function learnChoice(db: Db, scheme: SchemeBody, actor: string, target: Target, pageId: string, actual: string, page = pageReading(db, pageId)): boolean {
  if (page.text.trim() === '') return false;
  const ranked = rankPage(db, scheme, page);
  const predicted = whenSure(target === 'material' ? ranked.materials : ranked.businesses)[0]?.code ?? null;
  const changes = learnFrom(features(page), actual);
  if (changes.length === 0) return false;
  db.transaction(() => {
    const upsert = db.prepare(
      `INSERT INTO classifier_weights (target, feature, label, weight) VALUES (?, ?, ?, ?)
       ON CONFLICT (target, feature, label) DO UPDATE SET weight = weight + excluded.weight`,
    );
    for (const c of changes) upsert.run(target, c.feature, c.label, c.delta);
    if (predicted !== actual) {
      db.prepare('INSERT INTO classifier_corrections (target, subject, predicted, actual, actor, at) VALUES (?, ?, ?, ?, ?, ?)').run(
        target, pageId, predicted, actual, actor, nowIso(),
      );
      appendEvent(db, { actor, kind: 'classifier.corrected', subject: pageId, data: { target, predicted, actual } });
    }
  })();
  return true;
}
