import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * zxing-wasm fetches its .wasm from a CDN unless told otherwise; the station is offline, so the
 * binary is read from the installed package (node_modules) before first use.
 */
const wasmBinary = (subpath: string): ArrayBuffer => {
  const bytes = readFileSync(require.resolve(subpath));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

export async function zxingWriter(): Promise<typeof import('zxing-wasm/writer')> {
  const writer = await import('zxing-wasm/writer');
  writer.prepareZXingModule({ overrides: { wasmBinary: wasmBinary('zxing-wasm/writer/zxing_writer.wasm') } });
  return writer;
}

export async function zxingReader(): Promise<typeof import('zxing-wasm/reader')> {
  const reader = await import('zxing-wasm/reader');
  reader.prepareZXingModule({ overrides: { wasmBinary: wasmBinary('zxing-wasm/reader/zxing_reader.wasm') } });
  return reader;
}
