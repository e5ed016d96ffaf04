import type { Sharp } from 'sharp';
import { onPaper, prng } from './synthetic-pages';

/**
 * Withdrawal application forms with one reason ticked, as a counter receives them: every reason
 * printed with a box, the chosen one marked in one of the ways people and printers mark boxes.
 * The words are the same on every form, so only the mark tells which business it is; the
 * business-suggestion tests and `bench classify` read them through OCR and the image.
 */
export const WITHDRAWAL_REASONS: ReadonlyArray<{ readonly phrase: string; readonly business: string }> = [
  { phrase: '购买自住住房', business: 'TQ-GF' },
  { phrase: '偿还住房贷款本息', business: 'TQ-HD' },
  { phrase: '租赁住房', business: 'TQ-ZF' },
  { phrase: '离休退休', business: 'TQ-TX' },
  { phrase: '出境定居', business: 'TQ-CJ' },
  { phrase: '死亡', business: 'TQ-SW' },
  { phrase: '丧失劳动能力', business: 'TQ-SLD' },
  { phrase: '最低生活保障', business: 'TQ-DB' },
];

/** How the box is marked: a printed ☑ glyph, a pen tick or cross drawn in the box, a filled box. */
export const MARK_STYLES = ['glyph', 'tick', 'cross', 'filled'] as const;
export type MarkStyle = (typeof MARK_STYLES)[number];

export interface TickedForm {
  readonly name: string;
  /** The business the ticked reason stands for (default scheme codes); null when none is ticked. */
  readonly business: string | null;
  readonly style: MarkStyle;
  /** The form's text as printed (☑ where the glyph style prints one, □ elsewhere). */
  readonly text: string;
  readonly image: Sharp;
}

/** A4 at 150 dpi: what a counter scanner set for speed gives, and quick to read in tests. */
export const FORM_SIZE = { width: 1240, height: 1754, dpi: 150 } as const;
const FONT = "font-family=\"'Noto Sans CJK SC','Noto Sans SC',sans-serif\"";
const PER_ROW = 4;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function boxShapes(x: number, y: number, size: number, ticked: boolean, style: MarkStyle): string {
  if (ticked && style === 'glyph') return `<text x="${x}" y="${y + size - 2}" font-size="${size + 4}" ${FONT} fill="#111">☑</text>`;
  const frame = `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="${ticked && style === 'filled' ? '#111' : 'none'}" stroke="#111" stroke-width="2"/>`;
  if (!ticked || style === 'filled' || style === 'glyph') return frame;
  const pen = 'stroke="#1b2a8a" stroke-width="3" fill="none" stroke-linecap="round"';
  const s = size;
  return style === 'tick'
    ? `${frame}<path d="M${x + s * 0.18} ${y + s * 0.5} L${x + s * 0.42} ${y + s * 0.8} L${x + s * 0.85} ${y + s * 0.15}" ${pen}/>`
    : `${frame}<path d="M${x + s * 0.2} ${y + s * 0.2} L${x + s * 0.8} ${y + s * 0.8} M${x + s * 0.8} ${y + s * 0.2} L${x + s * 0.2} ${y + s * 0.8}" ${pen}/>`;
}

/** The 婚姻状况 options a form can print, ticked the same way as the reason (the item form's choice tests). */
export const MARITAL_STATUSES = ['未婚', '已婚', '离异', '丧偶'] as const;

/**
 * One form with reason `reason` (index into WITHDRAWAL_REASONS; null: none) ticked in `style`;
 * with `marital` (index into MARITAL_STATUSES; null: none ticked) it also prints a 婚姻状况 row.
 */
export function tickedForm(reason: number | null, style: MarkStyle, seed = (reason ?? 8) + 1, marital?: number | null): TickedForm {
  const rand = prng(seed * 7919 + MARK_STYLES.indexOf(style));
  const ticked = reason === null ? null : WITHDRAWAL_REASONS[reason]!;
  const name = `withdrawal-${ticked?.business ?? 'none'}-${style}`;
  const fields: Array<[string, string]> = [
    ['姓名', ['沈建华', '龙睿', '王丽', '陈志强'][seed % 4]!],
    ['证件号码', '310115196604277511'],
    ['联系电话', `1${String(3868980189 + seed * 7331).slice(0, 10)}`],
    ['提取金额', `¥${(50000 + Math.round(rand() * 200000)).toLocaleString('en-US')}.00`],
  ];
  const shapes: string[] = [`<text x="620" y="150" font-size="44" text-anchor="middle" ${FONT} fill="#111">住房公积金提取申请表</text>`];
  const lines = ['住房公积金提取申请表'];
  let y = 250;
  for (const [label, value] of fields) {
    shapes.push(`<text x="110" y="${y}" font-size="26" ${FONT} fill="#111">${label}</text>`, `<text x="330" y="${y}" font-size="26" ${FONT} fill="#111">${esc(value)}</text>`);
    lines.push(`${label} ${value}`);
    y += 60;
  }
  if (marital !== undefined) {
    lines.push(...optionRows(shapes, '婚姻状况', MARITAL_STATUSES, marital, style, y));
    y += 100;
  }
  const rows = optionRows(shapes, '提取原因', WITHDRAWAL_REASONS.map((r) => r.phrase), reason, style, y);
  lines.push(...rows);
  y += rows.length * 60 + 40;
  for (const note of ['申请人签字', '审核意见 同意提取', '注：本表一式两份。']) {
    shapes.push(`<text x="110" y="${y}" font-size="26" ${FONT} fill="#111">${note}</text>`);
    lines.push(note);
    y += 60;
  }
  const image = onPaper(shapes.join(''), FORM_SIZE).png().withMetadata({ density: FORM_SIZE.dpi });
  return { name, business: ticked?.business ?? null, style, text: lines.join('\n'), image };
}

/** A label and its boxed options, PER_ROW to a row, the `ticked` one marked; the rows' printed text. */
function optionRows(shapes: string[], label: string, phrases: readonly string[], ticked: number | null, style: MarkStyle, y: number): string[] {
  shapes.push(`<text x="110" y="${y}" font-size="26" ${FONT} fill="#111">${label}</text>`);
  const size = 22;
  const rows: string[][] = [];
  phrases.forEach((phrase, i) => {
    const row = Math.floor(i / PER_ROW);
    const x = 270 + (i % PER_ROW) * 240;
    const top = y + row * 60;
    shapes.push(boxShapes(x, top - size + 2, size, i === ticked, style));
    shapes.push(`<text x="${x + size + 6}" y="${top}" font-size="24" ${FONT} fill="#111">${phrase}</text>`);
    (rows[row] ??= []).push(`${i === ticked && style === 'glyph' ? '☑' : '□'}${phrase}`);
  });
  return [`${label} ${rows[0]!.join('  ')}`, ...rows.slice(1).map((r) => r.join('  '))];
}

/** Every reason ticked once in each of two styles (16 forms), the styles taking turns. */
export function tickedFormSet(): TickedForm[] {
  return WITHDRAWAL_REASONS.flatMap((_, i) => [0, 1].map((k) => tickedForm(i, MARK_STYLES[(i + k * 2) % MARK_STYLES.length]!, i * 2 + k + 1)));
}
