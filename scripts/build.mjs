#!/usr/bin/env node
// Builds everything into dist/: the core (CLI, workers, utility-process entry) and the Electron
// shell with esbuild, the renderer with Vite. Native and large packages stay external.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv[2]; // 'core' or 'shell' builds just that (used by tests)

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  define: { __APP_VERSION__: JSON.stringify(version) },
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
};

async function buildCore() {
  await build({
    ...common,
    format: 'esm',
    outdir: 'dist/core',
    outExtension: { '.js': '.mjs' },
    entryPoints: {
      cli: 'electron/core/cli/main.ts',
      'media-worker': 'electron/core/media/media-worker.ts',
      'ocr-worker': 'electron/core/ocr/ocr-worker.ts',
      'ocr-host': 'electron/core/ocr/ocr-host.ts',
      'ocr-bench-child': 'electron/core/bench/ocr-bench-child.ts',
      'barcode-worker': 'electron/core/separators/barcode-worker.ts',
      'utility-process': 'electron/core/host/utility-process-entry.ts',
    },
    // ESM bundles that still call require() for CommonJS dependencies need one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

async function buildShell() {
  await build({
    ...common,
    format: 'cjs',
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    entryPoints: { main: 'electron/main/main.ts' },
    external: ['electron'],
  });
}

/**
 * The preload runs sandboxed, where `require` knows only 'electron' and a few polyfilled
 * builtins. Its own sources are bundled; a package import stays a `require()` call on purpose,
 * so tests/unit/electron-preload-sandbox.test.ts fails instead of a bundler hiding the mistake.
 */
async function buildPreload() {
  await build({
    ...common,
    platform: 'browser',
    format: 'cjs',
    outdir: 'dist/electron',
    outExtension: { '.js': '.cjs' },
    entryPoints: { preload: 'electron/preload/preload.ts' },
    external: ['electron'],
  });
}

async function buildRenderer() {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}

if (only === 'core') {
  await buildCore();
} else if (only === 'shell') {
  await Promise.all([buildShell(), buildPreload()]);
} else {
  await rm(path.join(root, 'dist'), { recursive: true, force: true });
  await Promise.all([buildCore(), buildShell(), buildPreload(), buildRenderer()]);
}
console.error(`built ${only ?? 'all'} into dist/`);
