import { OcrEngineName } from '../../../shared/contract';
import type { Db } from '../store/open-database';

const KEY = 'ocr.engine';

/**
 * The station's engine for new OCR requests. PP-OCR by default: it meets the accuracy goal on
 * Chinese pages (Tesseract's CER is ~13 %); Tesseract stays selectable for light machines.
 */
export function defaultEngine(db: Db): OcrEngineName {
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  const parsed = OcrEngineName.safeParse(stored);
  return parsed.success ? parsed.data : 'ppocr';
}

export function setDefaultEngine(db: Db, engine: OcrEngineName): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, engine);
}
