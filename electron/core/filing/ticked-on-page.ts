import sharp from 'sharp';
import type { FieldProposal, PageOcr } from '../../../shared/contract';
import type { PageText } from '../../../shared/filing/classify';
import type { SchemeBody } from '../../../shared/filing/scheme';
import { normalize, printedOptions, tickedInImage, type GreyImage, type TextRun } from '../../../shared/filing/ticked-boxes';
import type { BlobStore } from '../files/blob-store';
import type { Db } from '../store/open-database';
import { cachedStatement } from '../store/statement-cache';

/**
 * The image the page's OCR read (its boxes are in that image's pixels); null before OCR. Run for
 * every page a classification or a batch's proposals look at, so compiled once per connection.
 */
function readImage(db: Db, pageId: string): string | null {
  const row = cachedStatement(db, 'SELECT r.image_sha256 FROM page_ocr o JOIN ocr_results r ON r.key = o.ocr_key WHERE o.page_id = ?')
    .pluck()
    .get(pageId) as string | undefined;
  return row ?? null;
}

/** A page image as grey pixels, turned upright as OCR decoded it. */
export async function greyImage(file: string | Uint8Array): Promise<GreyImage> {
  const { data, info } = await sharp(file, { failOn: 'error' }).autoOrient().greyscale().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The runs of text positions are taken from: OCR words where the engine gives them, else lines. */
export const textRuns = (page: PageText): TextRun[] => (page.layout?.lines ?? []).flatMap((l) => (l.words && l.words.length > 0 ? l.words : [l]));

export const businessPhrases = (scheme: SchemeBody): string[] => scheme.businessTypes.flatMap((b) => b.keywords);

/**
 * The page as the classifier reads it, with the option its image shows ticked (ticked-boxes.ts).
 * Pages that print fewer than two of the scheme's business phrases (no form of reasons) are not
 * decoded at all.
 */
export async function withTickedBoxes(db: Db, blobs: BlobStore, scheme: SchemeBody, pageId: string, page: PageText): Promise<PageText> {
  const { layout } = page;
  const runs = textRuns(page);
  if (!layout || printedOptions(runs, businessPhrases(scheme)).length < 2) return page;
  const sha = readImage(db, pageId);
  if (!sha) return page;
  const grey = await greyImage(await blobs.read(sha));
  const ticked = tickedInImage(runs, businessPhrases(scheme), grey, [grey.width / layout.width, grey.height / layout.height]);
  return ticked ? { ...page, ticked: [normalize(ticked)] } : page;
}

/**
 * Choice elements (婚姻状况) the page's image shows ticked where its text said nothing clear: OCR
 * reads a pen tick as nothing and every box as 口, so the text's reading leaves the field open. Only
 * elements whose printed label is on the page and that have no proposal yet are looked for; the
 * one marked box among empty ones on its row is proposed, mapped to the scheme's choice.
 */
export async function withTickedChoices(db: Db, blobs: BlobStore, scheme: SchemeBody, ocr: PageOcr): Promise<PageOcr> {
  const runs = textRuns({ text: ocr.text, layout: ocr });
  const open = scheme.fields.filter(
    (f) => f.type === 'choice' && f.group === 'business' && !f.derived && f.choices && ocr.text.includes(f.key) && !ocr.proposals.some((p) => p.field === f.key) && printedOptions(runs, f.choices).length >= 2,
  );
  const sha = open.length > 0 ? readImage(db, ocr.page) : null;
  if (!sha) return ocr;
  const grey = await greyImage(await blobs.read(sha));
  const scale = [grey.width / ocr.width, grey.height / ocr.height] as const;
  const found = open.flatMap((f): FieldProposal[] => {
    const phrase = tickedInImage(runs, f.choices!, grey, scale);
    const value = phrase === null ? undefined : f.choices!.filter((c) => phrase.startsWith(normalize(c))).sort((a, b) => b.length - a.length)[0];
    if (!value) return [];
    const run = runs.find((r) => normalize(r.text).includes(normalize(value)));
    return [{ field: f.key, value, raw: value, confidence: 0.85, boxes: run ? [[...run.box]] : [], notes: [`标签 label: ${f.key}`, `勾选 ticked: ${value}（图像 image）`] }];
  });
  return found.length > 0 ? { ...ocr, proposals: [...ocr.proposals, ...found] } : ocr;
}
