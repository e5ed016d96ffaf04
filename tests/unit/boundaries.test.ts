import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The architecture's boundaries, checked on the source text: `shared/` is pure, the core never
 * touches Electron, the renderer only knows the contract, and only the preload script may touch
 * the raw IPC object. The compiler enforces the same boundaries through one tsconfig per layer
 * (shared/ sees neither the DOM nor Node's types, the renderer no Node types, electron/ no DOM);
 * this test adds what types alone cannot see: imports of Node's modules and native packages, and
 * directives that would pull a forbidden lib back in. It fails loudly, listing every crossing.
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
/** `node:fs` and bare `fs`, `path`, `fs/promises` alike: a bundler would happily polyfill or break either. */
const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || NODE_BUILTINS.has(spec);
const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');
/** Packages with a native addon: they load only in Node, never in a page or in pure code. */
const NATIVE_PACKAGES = ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'sharp', 'onnxruntime-node', '@napi-rs/canvas'];
const isNativePackage = (spec: string) => NATIVE_PACKAGES.some((name) => spec === name || spec.startsWith(`${name}/`));
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
      isNativePackage(spec) ||
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
    forbids: (spec, target) => isNodeBuiltin(spec) || isElectron(spec) || isNativePackage(spec) || isUnder(target, 'electron'),
  },
];

/** String literals out too, so a schema key or message that says "document" is not the DOM global. */
function stripStrings(code: string): string {
  return code.replace(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g, "''");
}

/** The DOM in shared/: its globals used as objects, or its types by name. */
const DOM_USES = [
  /(?<![.\w$])(?:window|document|navigator|localStorage|sessionStorage)\s*[.[]/g,
  /\b(?:HTML\w*Element|CanvasRenderingContext2D|ImageData|DOMParser|FileReader|FileList|DataTransfer|KeyboardEvent|MouseEvent)\b/g,
];
/** Triple-slash directives reach past a tsconfig's `lib` and `types`; each layer keeps to its own. */
const LIB_DIRECTIVE = /\/\/\/\s*<reference\s+(?:lib|types)\s*=\s*["']([^"']+)["']/g;

function domUses(text: string): string[] {
  const code = stripStrings(stripComments(text));
  return DOM_USES.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[0].trim()));
}

function libDirectives(text: string): string[] {
  return [...text.matchAll(LIB_DIRECTIVE)].map((match) => match[1] ?? '');
}

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

  it('finds DOM globals and types but not words in strings or keys', () => {
    const text = [
      "const w = window.innerWidth;",
      "function f(c: CanvasRenderingContext2D) {}",
      "const schema = z.object({ document: z.string() });",
      "const item = { document: 'x' }; item.document.trim();",
      "const message = 'see document.title';",
      "// window.close();",
    ].join('\n');
    expect(domUses(text)).toEqual(['window.', 'CanvasRenderingContext2D']);
    expect(libDirectives('/// <reference lib="dom" />\n/// <reference types="node" />')).toEqual(['dom', 'node']);
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

  it('shared/ uses no DOM globals or types', () => {
    const offenders = sourceFiles('shared').flatMap((file) =>
      domUses(readFileSync(path.join(root, file), 'utf8')).map((use) => `${file} uses '${use}'`),
    );
    expect(offenders, 'shared/ runs in Node too: name the shape it needs instead of a DOM type').toEqual([]);
  });

  it('no layer pulls a lib or types its tsconfig leaves out', () => {
    const allowed: Record<string, readonly string[]> = { shared: [], renderer: ['dom', 'dom.iterable'], electron: ['node'] };
    const offenders = Object.entries(allowed).flatMap(([dir, libs]) =>
      sourceFiles(dir).flatMap((file) =>
        libDirectives(readFileSync(path.join(root, file), 'utf8'))
          .filter((lib) => !libs.includes(lib.toLowerCase()))
          .map((lib) => `${file} references '${lib}'`),
      ),
    );
    expect(offenders, "each layer's tsconfig decides its libs and types").toEqual([]);
  });

  it('only electron/preload/preload.ts touches ipcRenderer', () => {
    const offenders = [...sourceFiles('electron/preload'), ...sourceFiles('renderer')].filter(
      (file) => file !== 'electron/preload/preload.ts' && /\bipcRenderer\b/.test(readFileSync(path.join(root, file), 'utf8')),
    );
    expect(offenders, 'the page gets named functions from the preload bridge, never ipcRenderer').toEqual([]);
  });
});
