import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The core's media workers are bundled JavaScript; tests run the sources against a fresh build.
    env: { HPF_DESK_MEDIA_WORKER: path.join(root, 'dist/core/media-worker.mjs') },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
