import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import type { BarcodeRequest, BarcodeResponse, FoundBarcode } from './barcode-protocol';
import { zxingReader } from './zxing-module';

sharp.concurrency(1);
sharp.cache(false);

/** An A4 page at 300 dpi; larger scans are scaled down to this before reading (same result, less time). */
const MAX_SIDE = 3508;

const readerLoading = zxingReader();

async function decode(image: Uint8Array): Promise<FoundBarcode[]> {
  const { readBarcodes } = await readerLoading;
  const { data, info } = await sharp(image)
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, colorSpace: 'srgb' };
  const results = await readBarcodes(pixels as Parameters<typeof readBarcodes>[0], { formats: ['QRCode', 'Code128'], tryHarder: true, tryRotate: true, maxNumberOfSymbols: 8 });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text }));
}

if (!parentPort) throw new Error('barcode-worker must run as a worker thread');
const port = parentPort;
port.on('message', (msg: BarcodeRequest) => {
  decode(msg.image).then(
    (codes) => port.postMessage({ id: msg.id, ok: true, codes } satisfies BarcodeResponse),
    (err: unknown) => port.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies BarcodeResponse),
  );
});
