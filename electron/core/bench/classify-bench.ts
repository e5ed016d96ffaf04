import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { applyChanges, classifyPage, features, learnFrom, type PageText, type Weights } from '../../../shared/filing/classify';
import type { PageLayout } from '../../../shared/filing/layout-cues';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { defaultSchemeBody } from '../filing/scheme-source';
import { createEngine } from '../ocr/engine-factory';
import { decodeRgb } from '../ocr/raster';
import type { BenchFigures } from './import-bench';

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

/**
 * The same samples read by the station's OCR (PP-OCR) from the clean scans, so the figure shows
 * classification as the counter gets it; null when the engine cannot start here.
 */
async function ocrTexts(samples: readonly LabelledText[], note: (s: string) => void): Promise<LabelledText[] | null> {
  const dir = path.resolve(process.env.HPF_DESK_SAMPLES ?? '../shared/samples', 'clean');
  let engine;
  try {
    engine = await createEngine('ppocr', 2);
  } catch (err) {
    note(`OCR engine unavailable: ${(err as Error).message}`);
    return null;
  }
  try {
    const out: LabelledText[] = [];
    for (const s of samples) {
      const { image, dpi } = await decodeRgb(path.join(dir, `${s.name}.png`));
      const read = await engine.recognize({ image, dpi }, { deskew: true });
      out.push({ ...s, text: read.text, layout: { width: read.width, height: read.height, angle: read.angle, lines: read.lines } });
      note(`OCR ${out.length}/${samples.length} ${s.name}`);
    }
    return out;
  } finally {
    await engine.dispose();
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
  const read = await ocrTexts(samples, note);
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
    'ms per page (classify only)': Number(perPageMs.toFixed(2)),
  };
}
