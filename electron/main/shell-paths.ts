import path from 'node:path';

export interface ShellPaths {
  readonly preload: string;
  readonly rendererRoot: string;
  readonly coreEntry: string;
  readonly ocrHostEntry: string;
  readonly mediaWorkerEntry: string;
}

/**
 * Where the built pieces are, given the directory of the main bundle (dist/electron). The layout
 * is the one scripts/build.mjs writes; packaged, it sits inside app.asar.
 */
export function shellPaths(bundleDir: string): ShellPaths {
  const distDir = path.resolve(bundleDir, '..');
  return {
    preload: path.join(bundleDir, 'preload.cjs'),
    rendererRoot: path.join(distDir, 'renderer'),
    // dist/core is unpacked from the archive (see electron-builder.yml): start it from there.
    coreEntry: unpackedPath(path.join(distDir, 'core', 'utility-process.mjs')),
    ocrHostEntry: unpackedPath(path.join(distDir, 'core', 'ocr-host.mjs')),
    mediaWorkerEntry: unpackedPath(path.join(distDir, 'core', 'media-worker.mjs')),
  };
}

/** The same path outside the archive: `…/app.asar/x` → `…/app.asar.unpacked/x`; other paths unchanged. */
export function unpackedPath(filePath: string): string {
  return filePath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}
