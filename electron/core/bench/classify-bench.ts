import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyChanges, classifyPage, features, learnFrom, whenSure, type PageText, type Weights } from '../../../shared/filing/classify';
import type { PageLayout } from '../../../shared/filing/layout-cues';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { defaultSchemeBody } from '../filing/scheme-source';
import { businessPhrases, greyImage, textRuns } from '../filing/ticked-on-page';
import type { OcrEngine } from '../ocr/engine';
import { createEngine } from '../ocr/engine-factory';
import { decodeRgb } from '../ocr/raster';
import type { BenchFigures } from './import-bench';
import { tickedFormSet } from './ticked-forms';
import { normalize, tickedInImage } from '../../../shared/filing/ticked-boxes';

/** The labelled samples' document types as material codes of the default scheme. */
const SAMPLE_MATERIAL: Readonly<Record<string, string>> = {
  withdrawal: 'TQSQB',
  'loan-application': 'DKSQB',
  'loan-contract': 'JKHT',
  'id-card': 'SFZ',
  marriage: 'JHZ',
  'purchase-contract': 'GFHT',
  'bank-card': 'YHK',
  'unit-registration': 'DWDJB',
  'deposit-cert': 'JCZM',
  'settlement-cert': 'JQZM',
};

export interface LabelledText {
  readonly name: string;
  readonly label: string;
  readonly text: string;
  /** The OCR lines and page size, when the text was read from the scan. */
  readonly layout?: PageLayout;
}

/** What the classifier is given of a sample: its text, with its layout or without. */
const pageOf = (s: LabelledText, withLayout: boolean): PageText => (withLayout && s.layout ? { text: s.text, layout: s.layout } : { text: s.text });

/** Ground-truth texts with their labels: ../shared/samples/gt (or HPF_DESK_SAMPLES/gt). */
export async function loadLabelledSamples(dir = path.resolve(process.env.HPF_DESK_SAMPLES ?? '../shared/samples', 'gt')): Promise<LabelledText[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out: LabelledText[] = [];
  for (const n of names) {
    const meta = JSON.parse(await readFile(path.join(dir, n), 'utf8')) as { document_type: string };
    const label = SAMPLE_MATERIAL[meta.document_type];
    if (!label) throw new Error(`${n}: no material for document type ${meta.document_type}`);
    out.push({ name: n.replace(/\.json$/, ''), label, text: await readFile(path.join(dir, n.replace(/\.json$/, '.gt.txt')), 'utf8') });
  }
  return out;
}

export interface Scored {
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
  /** `truth→guess ×n`, most frequent first. */
  readonly confusions: readonly string[];
}

export function score(samples: readonly LabelledText[], predict: (s: LabelledText, i: number) => string | null): Scored {
  const pairs = new Map<string, number>();
  let correct = 0;
  samples.forEach((s, i) => {
    const guess = predict(s, i) ?? '(none)';
    if (guess === s.label) correct++;
    else pairs.set(`${s.label}→${guess}`, (pairs.get(`${s.label}→${guess}`) ?? 0) + 1);
  });
  const confusions = [...pairs].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p, n]) => `${p} ×${n}`);
  return { accuracy: samples.length ? correct / samples.length : 0, correct, total: samples.length, confusions };
}

const EMPTY: Weights = new Map();

/** The scheme without its phrases and layouts: what a station knows only from corrections. */
const withoutPhrases = (scheme: SchemeBody): SchemeBody => ({
  ...scheme,
  materialTypes: scheme.materialTypes.map((m) => ({ ...m, titles: [], keywords: [], layout: [] })),
});

/**
 * Leave-one-out learning: for each sample, a station that was corrected once on every other
 * sample (weights from learnFrom, as clerks' corrections would set them) classifies it.
 */
export function leaveOneOut(scheme: SchemeBody, samples: readonly LabelledText[], withLayout = false): Scored {
  return score(samples, (_s, i) => {
    const weights = new Map<string, Map<string, number>>();
    samples.forEach((t, j) => {
      if (j === i) return;
      applyChanges(weights, learnFrom(features(pageOf(t, withLayout)), t.label));
    });
    return classifyPage(scheme, pageOf(samples[i]!, withLayout), { material: weights, business: EMPTY }).materials[0]?.code ?? null;
  });
}

const bySchemeOnly = (scheme: SchemeBody, samples: readonly LabelledText[], withLayout: boolean): Scored =>
  score(samples, (s) => classifyPage(scheme, pageOf(s, withLayout), { material: EMPTY, business: EMPTY }).materials[0]?.code ?? null);

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The business the desk offers for a page (none when not sure), as the counter would see it. */
const offeredBusiness = (scheme: SchemeBody, page: PageText): string | null =>
  whenSure(classifyPage(scheme, page, { material: EMPTY, business: EMPTY }).businesses)[0]?.code ?? null;

/**
 * Business suggestions on withdrawal forms with different reasons ticked (ticked-forms.ts): from the
 * printed text (☑ where printed), and as the counter gets them, read by OCR with the image's
 * boxes looked at. A form whose suggestion is withheld (not sure) counts as missed.
 */
async function tickedFormAccuracy(scheme: SchemeBody, engine: OcrEngine | null, note: (s: string) => void): Promise<{ text: Scored; image: Scored | null }> {
  const forms = tickedFormSet();
  const labelled = forms.map((f) => ({ name: f.name, label: f.business!, text: f.text }));
  const text = score(labelled, (s) => offeredBusiness(scheme, { text: s.text }));
  if (!engine) return { text, image: null };
  const read: Array<{ page: PageText; label: string; name: string; text: string }> = [];
  for (const f of forms) {
    const png = await f.image.toBuffer();
    const { image, dpi } = await decodeRgb(png);
    const r = await engine.recognize({ image, dpi }, { deskew: true });
    const page: PageText = { text: r.text, layout: { width: r.width, height: r.height, angle: r.angle, lines: r.lines } };
    const grey = await greyImage(png);
    const ticked = tickedInImage(textRuns(page), businessPhrases(scheme), grey);
    read.push({ name: f.name, label: f.business!, text: r.text, page: ticked ? { ...page, ticked: [normalize(ticked)] } : page });
    note(`OCR ticked form ${read.length}/${forms.length} ${f.name}`);
  }
  return { text, image: score(read, (_s, i) => offeredBusiness(scheme, read[i]!.page)) };
}

/**
 * The same samples read by the station's OCR (PP-OCR) from the clean scans, so the figure shows
 * classification as the counter gets it; null when the engine cannot start here.
 */
async function ocrTexts(samples: readonly LabelledText[], engine: OcrEngine, note: (s: string) => void): Promise<LabelledText[]> {
  const dir = path.resolve(process.env.HPF_DESK_SAMPLES ?? '../shared/samples', 'clean');
  const out: LabelledText[] = [];
  for (const s of samples) {
    const { image, dpi } = await decodeRgb(path.join(dir, `${s.name}.png`));
    const read = await engine.recognize({ image, dpi }, { deskew: true });
    out.push({ ...s, text: read.text, layout: { width: read.width, height: read.height, angle: read.angle, lines: read.lines } });
    note(`OCR ${out.length}/${samples.length} ${s.name}`);
  }
  return out;
}

async function startEngine(note: (s: string) => void): Promise<OcrEngine | null> {
  try {
    return await createEngine('ppocr', 2);
  } catch (err) {
    note(`OCR engine unavailable: ${(err as Error).message}`);
    return null;
  }
}

/**
 * `bench classify`: material accuracy on the labelled samples, from the scheme and from learning;
 * on the PP-OCR reading of the scans also with the page layout (title by type size, card, grid).
 */
export async function classifyBench(note: (s: string) => void = () => undefined): Promise<BenchFigures> {
  const scheme = defaultSchemeBody();
  const samples = await loadLabelledSamples();
  note(`${samples.length} labelled samples (ground-truth text)`);
  const started = performance.now();
  const byScheme = bySchemeOnly(scheme, samples, false);
  const perPageMs = (performance.now() - started) / Math.max(1, samples.length);
  const learnedOnly = leaveOneOut(withoutPhrases(scheme), samples);
  const both = leaveOneOut(scheme, samples);
  const engine = await startEngine(note);
  let read: LabelledText[] | null = null;
  let ticked: Awaited<ReturnType<typeof tickedFormAccuracy>>;
  try {
    read = engine && (await ocrTexts(samples, engine, note));
    ticked = await tickedFormAccuracy(scheme, engine, note);
  } finally {
    await engine?.dispose();
  }
  const byOcr = read && bySchemeOnly(scheme, read, false);
  const byLayout = read && bySchemeOnly(scheme, read, true);
  const learnedLayout = read && leaveOneOut(withoutPhrases(scheme), read, true);
  const learnedText = read && leaveOneOut(withoutPhrases(scheme), read, false);
  return {
    samples: samples.length,
    'accuracy scheme phrases': pct(byScheme.accuracy),
    'confusions scheme phrases': byScheme.confusions.join(', ') || 'none',
    'accuracy learned only (LOO)': pct(learnedOnly.accuracy),
    'confusions learned only (LOO)': learnedOnly.confusions.join(', ') || 'none',
    'accuracy scheme + learned (LOO)': pct(both.accuracy),
    'confusions scheme + learned (LOO)': both.confusions.join(', ') || 'none',
    'accuracy scheme phrases (PP-OCR text)': byOcr ? pct(byOcr.accuracy) : 'OCR unavailable',
    'confusions scheme phrases (PP-OCR text)': byOcr ? byOcr.confusions.join(', ') || 'none' : '-',
    'accuracy scheme + layout (PP-OCR)': byLayout ? pct(byLayout.accuracy) : 'OCR unavailable',
    'confusions scheme + layout (PP-OCR)': byLayout ? byLayout.confusions.join(', ') || 'none' : '-',
    'accuracy learned only (LOO, PP-OCR text)': learnedText ? pct(learnedText.accuracy) : 'OCR unavailable',
    'accuracy learned only + layout (LOO, PP-OCR)': learnedLayout ? pct(learnedLayout.accuracy) : 'OCR unavailable',
    'confusions learned only + layout (LOO, PP-OCR)': learnedLayout ? learnedLayout.confusions.join(', ') || 'none' : '-',
    'business accuracy, ticked forms (text marks only: drawn ticks unseen)': `${pct(ticked.text.accuracy)} of ${ticked.text.total}`,
    'business accuracy, ticked forms (PP-OCR + image boxes)': ticked.image ? `${pct(ticked.image.accuracy)} of ${ticked.image.total}` : 'OCR unavailable',
    'business confusions, ticked forms (PP-OCR + image boxes)': ticked.image ? ticked.image.confusions.join(', ') || 'none' : '-',
    'ms per page (classify only)': Number(perPageMs.toFixed(2)),
  };
}
