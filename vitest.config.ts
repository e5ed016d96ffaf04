import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

// Tests that kill processes at moments measured from an undisturbed run, or that hold a store
// under contention on purpose: they run after the rest, one file at a time, so another test's
// load cannot move the moments they aim at.
const ALONE = [
  'tests/integration/crash.test.ts',
  'tests/integration/sync-kill.test.ts',
  'tests/integration/central-receivers-kill.test.ts',
  'tests/integration/store-encrypt-in-place-kill.test.ts',
  'tests/integration/store-key-rotate-kill.test.ts',
  'tests/integration/store-concurrency.test.ts',
  'tests/integration/import-hostile-pdf.test.ts',
  'tests/integration/sync-s3.test.ts',
  'tests/integration/lifecycle.property.test.ts',
];

// What every test file runs with, in either group.
const common = {
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
} as const;

export default defineConfig({
  test: {
    // Once for the run, not per group: both groups read the same build.
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      // Most files spend their time waiting on child processes and the disk: two at once keep
      // both cores of a small machine busy.
      { test: { ...common, name: 'shared', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'], exclude: ALONE, maxWorkers: 2 } },
      { test: { ...common, name: 'alone', include: ALONE, maxWorkers: 1 } },
    ],
  },
});
