import { pageLayout, type Layout, type PageLayout } from './layout-cues';
import type { SchemeBody } from './scheme';
import { normalize, tickedInText } from './ticked-boxes';

export { normalize };

/**
 * Auto-classification of a page: which material it is, which business it belongs to. A pure
 * function over whatever text there is (OCR, ground truth, keyed) and, when the page was read by
 * OCR, its layout (layout-cues.ts): the title is the large type at the top rather than the first
 * lines in reading order, and the page's shape (card, grid, where 姓名 stands) counts for the
 * materials the scheme says look like that. Two sources of evidence add up: the scheme's own
 * phrases and layouts (works on day one) and weights the station learned from its clerks'
 * corrections (a centre's own forms, after one or two corrections), layout cues included.
 */

export type Target = 'material' | 'business';

/** Learned weights: feature → label → weight. */
export type Weights = ReadonlyMap<string, ReadonlyMap<string, number>>;

export interface PageText {
  readonly text: string;
  /** Lines forming the title when there is no layout; default: the first two non-empty lines. */
  readonly titleLines?: number;
  /** The OCR lines with their boxes and the page size; absent for keyed or ground-truth text. */
  readonly layout?: PageLayout;
  /** Options the page's image shows ticked (ticked-boxes.ts), normalized; the text's marks count too. */
  readonly ticked?: readonly string[];
}

export interface Ranked {
  readonly code: string;
  /** Share of the positive evidence, 0…1. */
  readonly score: number;
  readonly cues: readonly string[];
  /** Why, for a person: the strongest cue ("勾选：购买自住住房"). */
  readonly reason: string;
}

const TITLE_WEIGHT = 4;
const TITLE_ANYWHERE_WEIGHT = 1.5;
const KEYWORD_WEIGHT = 1;
const CHECKED_WEIGHT = 4;
const MATERIAL_TO_BUSINESS_WEIGHT = 0.5;
/** What a title fully learned from corrections counts, next to a scheme title phrase (4). */
const LEARNED_WEIGHT = 6;
/** A layout cue the scheme expects of a material: less than a title, about one keyword and a half. */
const LAYOUT_WEIGHT = 1.5;

/** Phrases the page marks as chosen, by a mark OCR read or by a box the image shows ticked. */
export function checkedPhrases(page: PageText): string[] {
  return [...new Set([...tickedInText(page.text), ...(page.ticked ?? [])])];
}

interface Read {
  readonly layout: Layout | null;
  /** The title zone, normalized. */
  readonly title: string;
}

function read(page: PageText): Read {
  const layout = page.layout ? pageLayout(page.layout) : null;
  if (layout && layout.title.length > 0) return { layout, title: normalize(layout.title.join('')) };
  const lines = page.text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return { layout, title: normalize(lines.slice(0, page.titleLines ?? 2).join('')) };
}

/**
 * The features learned weights attach to: bigrams of the title zone, the checked phrases and the
 * layout cues. Body bigrams are left out on purpose: every HPF form shares most of its
 * vocabulary, and a title identifies a form with a handful of features that few corrections
 * can weigh; a layout cue (a card, a grid) is one more such feature.
 */
export function features(page: PageText, known: Read = read(page)): string[] {
  const out = new Set<string>();
  const chars = [...known.title];
  for (let i = 0; i + 1 < chars.length; i++) out.add(`h:${chars[i]}${chars[i + 1]}`);
  for (const p of checkedPhrases(page)) out.add(`x:${p}`);
  for (const cue of known.layout?.cues ?? []) out.add(`l:${cue}`);
  return [...out];
}

interface Evidence {
  score: number;
  cues: Array<{ cue: string; weight: number }>;
}

function addEvidence(into: Map<string, Evidence>, label: string, weight: number, cue: string): void {
  if (weight === 0) return;
  const e = into.get(label) ?? { score: 0, cues: [] };
  e.score += weight;
  e.cues.push({ cue, weight });
  into.set(label, e);
}

/**
 * Learned evidence: each feature votes for the labels it was seen with, in proportion to how
 * often, so a bigram every form shares (住房, 公积) splits its vote and says little while one
 * seen with a single form says much. Scaled by the page's feature count to stay comparable to
 * the scheme's phrases however long the title is.
 */
function addLearned(into: Map<string, Evidence>, feats: readonly string[], weights: Weights): void {
  const votes = new Map<string, { total: number; best: string }>();
  for (const f of feats) {
    const byLabel = weights.get(f);
    if (!byLabel) continue;
    let sum = 0;
    for (const w of byLabel.values()) sum += Math.max(0, w);
    if (sum <= 0) continue;
    for (const [label, w] of byLabel) {
      if (w <= 0) continue;
      const v = votes.get(label) ?? { total: 0, best: f };
      v.total += w / sum;
      votes.set(label, v);
    }
  }
  for (const [label, v] of votes) addEvidence(into, label, (LEARNED_WEIGHT * v.total) / feats.length, `learned ${v.best.slice(2)}`);
}

function rank(evidence: Map<string, Evidence>, limit: number): Ranked[] {
  const positive = [...evidence].filter(([, e]) => e.score > 0);
  const total = positive.reduce((n, [, e]) => n + e.score, 0);
  return positive
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([code, e]) => {
      const cues = e.cues.sort((a, b) => b.weight - a.weight).slice(0, 4).map((c) => c.cue);
      return { code, score: Math.round((e.score / total) * 1000) / 1000, cues, reason: reasonOf(cues[0]!) };
    });
}

/** A cue as a clerk reads it ("勾选 X" → "勾选：X"); learned cues name what the station's choices taught. */
const reasonOf = (cue: string): string => {
  const [kind, ...rest] = cue.split(' ');
  return `${kind === 'learned' ? '以往选择' : kind}：${rest.join(' ')}`;
};

/** The best guess must outweigh the next by this much to be offered (pre-selected, taken by Enter). */
const SURE_RATIO = 1.5;

/**
 * The ranking when its best guess is clear, else nothing: a guess that ties with others (a
 * withdrawal form with no box read ticked points to every withdrawal reason alike) is a coin
 * toss, and in a flow where Enter accepts, offering it is worse than offering none.
 */
export function whenSure(ranked: readonly Ranked[]): readonly Ranked[] {
  const [top, next] = ranked;
  if (!top) return [];
  return !next || top.score >= SURE_RATIO * next.score ? ranked : [];
}

export interface Classification {
  readonly materials: readonly Ranked[];
  readonly businesses: readonly Ranked[];
}

/** Rank materials and businesses for one page's text. Empty text gives empty rankings. */
export function classifyPage(scheme: SchemeBody, page: PageText, learned: { readonly material: Weights; readonly business: Weights }, limit = 3): Classification {
  const body = normalize(page.text);
  if (body === '') return { materials: [], businesses: [] };
  const known = read(page);
  const { title } = known;
  const feats = features(page, known);

  const materials = new Map<string, Evidence>();
  for (const m of scheme.materialTypes) {
    for (const t of m.titles.map(normalize)) {
      if (title.includes(t)) addEvidence(materials, m.code, TITLE_WEIGHT, `标题 ${t}`);
      else if (body.includes(t)) addEvidence(materials, m.code, TITLE_ANYWHERE_WEIGHT, `含 ${t}`);
    }
    for (const k of m.keywords.map(normalize)) if (body.includes(k)) addEvidence(materials, m.code, KEYWORD_WEIGHT, `含 ${k}`);
    for (const cue of m.layout) if (known.layout?.cues.includes(cue)) addEvidence(materials, m.code, LAYOUT_WEIGHT, `版式 ${cue}`);
  }
  addLearned(materials, feats, learned.material);
  const rankedMaterials = rank(materials, limit);

  const businesses = new Map<string, Evidence>();
  const checked = checkedPhrases(page);
  for (const b of scheme.businessTypes) {
    for (const k of b.keywords.map(normalize)) {
      if (checked.some((c) => c.includes(k))) addEvidence(businesses, b.code, CHECKED_WEIGHT, `勾选 ${checked.find((c) => c.includes(k))}`);
      else if (title.includes(k)) addEvidence(businesses, b.code, KEYWORD_WEIGHT, `标题 ${k}`);
    }
    // A material that only some businesses ask for points to them (a 借款合同 → 贷款·合同).
    const top = rankedMaterials[0];
    if (top && b.checklists.some((v) => v.materials.some((m) => m.material === top.code && m.rule === 'required'))) {
      addEvidence(businesses, b.code, MATERIAL_TO_BUSINESS_WEIGHT * top.score, `材料 ${scheme.materialTypes.find((m) => m.code === top.code)?.name ?? top.code}`);
    }
  }
  addLearned(businesses, feats, learned.business);
  return { materials: rankedMaterials, businesses: rank(businesses, limit) };
}

export interface WeightChange {
  readonly feature: string;
  readonly label: string;
  readonly delta: number;
}

/**
 * What one choice teaches: the page's features count once more for the label the clerk chose.
 * Accepted suggestions count too, so a form seen often weighs more than a one-off.
 */
export function learnFrom(feats: readonly string[], actual: string): WeightChange[] {
  return feats.map((feature) => ({ feature, label: actual, delta: 1 }));
}

/** Apply changes to an in-memory model (the bench; the store applies them in SQL). */
export function applyChanges(weights: Map<string, Map<string, number>>, changes: readonly WeightChange[]): void {
  for (const c of changes) {
    const byLabel = weights.get(c.feature) ?? new Map<string, number>();
    byLabel.set(c.label, (byLabel.get(c.label) ?? 0) + c.delta);
    weights.set(c.feature, byLabel);
  }
}
