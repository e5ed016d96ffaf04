import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The core's media workers are bundled JavaScript; tests run the sources against a fresh build.
    env: {
      HPF_DESK_MEDIA_WORKER: path.join(root, 'dist/core/media-worker.mjs'),
      HPF_DESK_OCR_WORKER: path.join(root, 'dist/core/ocr-worker.mjs'),
      HPF_DESK_OCR_HOST: path.join(root, 'dist/core/ocr-host.mjs'),
      HPF_DESK_BARCODE_WORKER: path.join(root, 'dist/core/barcode-worker.mjs'),
      // OCR tests start it themselves; elsewhere background OCR would only load the CPU.
      HPF_DESK_BACKGROUND_OCR: 'off',
    },
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
