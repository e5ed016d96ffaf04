import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The architecture's boundaries, checked on the source text: `shared/` is pure, the core never
 * touches Electron, the renderer only knows the contract, and only the preload script may touch
 * the raw IPC object. A regex over import/require statements is enough for code we write
 * ourselves; it fails loudly, listing every crossing.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', '.vite']);
/** Build configuration runs in Node, not in the layer it configures. */
const CONFIG_FILE = /\.config\.[cm]?[jt]s$/;

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : sourceFiles(rel);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') && !CONFIG_FILE.test(entry.name) ? [rel] : [];
  });
}

/** Block and line comments out, so prose mentioning a module is not an import. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT_PATTERNS = [
  /\bfrom\s*['"]([^'"]+)['"]/g, // import … from 'x', export … from 'x'
  /\bimport\s*['"]([^'"]+)['"]/g, // import 'x'
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // import('x')
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, // require('x')
];

function importSpecifiers(text: string): string[] {
  const code = stripComments(text);
  return IMPORT_PATTERNS.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ''));
}

/** The repository-relative target of a relative specifier, or null for a package import. */
function resolveRelative(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, name.split('/')[0] ?? name]));
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || NODE_BUILTINS.has(spec);
const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');
const isUnder = (target: string | null, dir: string) => target !== null && (target === dir || target.startsWith(`${dir}/`));

interface Rule {
  readonly files: string;
  readonly why: string;
  readonly forbids: (specifier: string, target: string | null) => boolean;
}

const RULES: readonly Rule[] = [
  {
    files: 'shared',
    why: 'shared/ is pure: no Node, Electron, native packages, core or renderer code',
    forbids: (spec, target) =>
      isNodeBuiltin(spec) ||
      isElectron(spec) ||
      ['better-sqlite3', 'sharp'].includes(spec) ||
      isUnder(target, 'electron') ||
      isUnder(target, 'renderer'),
  },
  {
    files: 'electron/core',
    why: 'the core runs without Electron (CLI, browser mode, utility process)',
    forbids: (spec, target) => isElectron(spec) || isUnder(target, 'electron/main') || isUnder(target, 'electron/preload'),
  },
  {
    files: 'renderer',
    why: 'the renderer talks only to the contract in shared/',
    forbids: (spec, target) => spec.startsWith('node:') || isElectron(spec) || isUnder(target, 'electron'),
  },
];

function violations(rule: Rule): string[] {
  return sourceFiles(rule.files).flatMap((file) =>
    importSpecifiers(readFileSync(path.join(root, file), 'utf8'))
      .filter((spec) => rule.forbids(spec, resolveRelative(file, spec)))
      .map((spec) => `${file} imports '${spec}'`),
  );
}

describe('import scanner', () => {
  it('finds every form of import and ignores comments', () => {
    const text = [
      "import { a } from './a';",
      "import type {\n  B,\n} from '../b';",
      "export * from 'c';",
      "import 'd';",
      "const e = await import('e');",
      "const f = require('f');",
      "// import g from 'g';",
      "/* require('h') */",
      "const url = 'https://example.org'; import i from 'i';",
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(['../b', './a', 'c', 'd', 'e', 'f', 'i']);
  });

  it('scans the layers that exist', () => {
    expect(sourceFiles('shared').length).toBeGreaterThan(0);
    expect(sourceFiles('electron/core').length).toBeGreaterThan(0);
  });
});

describe('architecture boundaries', () => {
  it.each(RULES.map((rule) => [rule.files, rule] as const))('%s stays inside its boundary', (_files, rule) => {
    expect(violations(rule), rule.why).toEqual([]);
  });

  it('only electron/preload/preload.ts touches ipcRenderer', () => {
    const offenders = [...sourceFiles('electron/preload'), ...sourceFiles('renderer')].filter(
      (file) => file !== 'electron/preload/preload.ts' && /\bipcRenderer\b/.test(readFileSync(path.join(root, file), 'utf8')),
    );
    expect(offenders, 'the page gets named functions from the preload bridge, never ipcRenderer').toEqual([]);
  });
});
