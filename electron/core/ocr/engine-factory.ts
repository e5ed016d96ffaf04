import type { OcrEngineName } from '../../../shared/contract';
import type { OcrEngine } from './engine';
import { createPpocrEngine } from './ppocr/ppocr-engine';
import { createTesseractEngine } from './tesseract/tesseract-engine';

/** The one place that knows which engines exist and how each is built. */
export function createEngine(name: OcrEngineName, threads: number): Promise<OcrEngine> {
  switch (name) {
    case 'ppocr':
      return createPpocrEngine(threads);
    case 'tesseract':
      return createTesseractEngine();
  }
}
