import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * Packages the core loads when first used (electron/core/util/load-on-use.ts): imported at the
 * top of the bundle, they cost every CLI run, every served desk and every test that starts one
 * over a second of CPU before it does anything.
 */
const LOADED_ON_USE = ['pdf-lib', '@pdf-lib/fontkit', 'exceljs', 'read-excel-file/node', 'pg', '@napi-rs/canvas', 'ws'];

/** The packages a built bundle imports as it starts (its top-level import statements). */
const startImports = (bundle: string): string[] => [...bundle.matchAll(/^import\s[^;]*?\sfrom\s*"([^"]+)";?$/gm)].map((m) => m[1]!);

describe('the CLI starts without the packages it loads on use', () => {
  it('imports PDF, spreadsheet, PostgreSQL, canvas and WebSocket code only where a command uses it', async () => {
    // Built by the test run's global setup, as `npm run build` builds it.
    const bundle = await readFile('dist/core/cli.mjs', 'utf8');
    const atStart = startImports(bundle);
    // The store's driver is imported at start: the pattern reads the bundle's imports.
    expect(atStart).toContain('better-sqlite3-multiple-ciphers');
    expect(atStart.filter((p) => LOADED_ON_USE.includes(p))).toEqual([]);
    // ...and the commands that need them still load them.
    for (const p of ['pdf-lib', '@pdf-lib/fontkit', 'exceljs', 'read-excel-file/node', 'pg', 'ws']) expect(bundle).toContain(`import("${p}")`);
  });
});
