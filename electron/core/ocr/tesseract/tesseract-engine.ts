import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { threadId } from 'node:worker_threads';
import path from 'node:path';
import { createWorker, OEM, PSM, type Line, type Page } from 'tesseract.js';
import type { OcrLine, OcrRecognition } from '../../../../shared/contract';
import { fixIdCheckCharacter, removeCjkSpaces, asciiAlphanumerics } from '../../../../shared/ocr/cjk-text';
import { orderIntoRows } from '../../../../shared/ocr/reading-order';
import { assembleRecognition } from '../assemble-page';
import { throwIfCancelled, type OcrEngine, type OcrInput, type OcrOptions, type RgbImage } from '../engine';
import { TESSDATA_VARIANT, TESSERACT_LANGUAGES as LANGUAGES } from './tesseract-settings';

/** Tesseract needs the true resolution; pages without one are taken as scanned at 300 dpi. */
const FALLBACK_DPI = 300;

const require = createRequire(import.meta.url);

/**
 * tesseract.js reads every language from one folder (`langPath`), and the npm packages keep
 * one language each: both gzipped models are copied into a folder of their own once.
 */
export async function tessdataFolder(): Promise<string> {
  const folder = path.join(os.tmpdir(), 'hpf-desk-tessdata', TESSDATA_VARIANT);
  await mkdir(folder, { recursive: true });
  for (const lang of LANGUAGES) {
    const source = path.join(path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), TESSDATA_VARIANT, `${lang}.traineddata.gz`);
    const target = path.join(folder, `${lang}.traineddata.gz`);
    const [from, to] = await Promise.all([stat(source), stat(target).catch(() => null)]);
    if (to?.size === from.size) continue;
    // Copied aside and renamed: workers starting together never read a half-copied model.
    const part = `${target}.${process.pid}-${threadId}.part`;
    await copyFile(source, part);
    await rename(part, target);
  }
  return folder;
}

/** Tesseract (LSTM, chi_sim+eng) through tesseract.js: light and fast, weaker on Chinese. */
export async function createTesseractEngine(): Promise<OcrEngine> {
  const langPath = await tessdataFolder();
  // cacheMethod 'none': else tesseract.js writes the models into the working directory.
  const worker = await createWorker(LANGUAGES.join('+'), OEM.LSTM_ONLY, { langPath, cacheMethod: 'none', gzip: true });
  const version = (JSON.parse(await readFile(require.resolve('tesseract.js/package.json'), 'utf8')) as { version: string }).version;
  return {
    name: 'tesseract',
    model: `Tesseract LSTM ${LANGUAGES.join('+')} ${TESSDATA_VARIANT} (tesseract.js ${version})`,
    async recognize(input: OcrInput, options: OcrOptions, signal?: AbortSignal): Promise<OcrRecognition> {
      throwIfCancelled(signal);
      await worker.setParameters({
        tessedit_pageseg_mode: PSM.AUTO,
        user_defined_dpi: String(input.dpi ?? FALLBACK_DPI),
        preserve_interword_spaces: '1',
      });
      const { data } = await worker.recognize(asPnm(input.image), { rotateAuto: options.deskew }, { blocks: true, text: false });
      throwIfCancelled(signal);
      return toRecognition(data, input.image);
    },
    async dispose() {
      await worker.terminate();
    },
  };
}

/** Leptonica reads binary PNM: the decoded pixels behind a short header, no encoding pass. */
function asPnm(image: RgbImage): Buffer {
  const header = Buffer.from(`P6\n${image.width} ${image.height}\n255\n`, 'ascii');
  return Buffer.concat([header, image.data]);
}

function toRecognition(page: Page, image: RgbImage): OcrRecognition {
  const lines: OcrLine[] = (page.blocks ?? [])
    .flatMap((block) => block.paragraphs.flatMap((p) => p.lines))
    .map(toLine)
    .filter((line): line is OcrLine => line !== null);
  // rotateAuto straightens the page about its centre on a canvas of the same size, turning it
  // by -rotateRadians; the boxes are on that straightened page.
  const angle = page.rotateRadians ? (-page.rotateRadians * 180) / Math.PI : 0;
  return assembleRecognition(orderIntoRows(lines), angle, image, image);
}

function toLine(line: Line): OcrLine | null {
  const words = line.words
    .map((w) => ({
      text: fixIdCheckCharacter(asciiAlphanumerics(w.text.trim())),
      box: [w.bbox.x0, w.bbox.y0, w.bbox.x1 - w.bbox.x0, w.bbox.y1 - w.bbox.y0] as [number, number, number, number],
      confidence: w.confidence / 100,
    }))
    .filter((w) => w.text !== '');
  const text = fixIdCheckCharacter(removeCjkSpaces(words.map((w) => w.text).join(' ')));
  if (text === '') return null;
  const { x0, y0, x1, y1 } = line.bbox;
  return { text, box: [x0, y0, x1 - x0, y1 - y0], confidence: line.confidence / 100, words };
}
