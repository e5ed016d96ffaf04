import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * The core's folders form layers: a domain may lean on the ones below it, never back up the
 * stack, and nothing below the API layer reaches into `api/`. An import circle means two modules
 * cannot be understood (or loaded, or tested) one without the other, so the test walks every
 * relative import in electron/core and fails on any circle. The one circle allowed is the
 * migrations list: each numbered migration names the `Migration` type that `migration.ts`
 * (which imports the list) declares, a type-only edge that vanishes when compiled.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORE = 'electron/core';
const MIGRATIONS = `${CORE}/store/migrations/`;

function coreFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return coreFiles(rel);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [rel] : [];
  });
}

interface Edge {
  readonly to: string;
  /** Erased by the compiler: `import type`, or every imported name marked `type`. */
  readonly typeOnly: boolean;
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (!clause) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

/** Every relative import of `file` (static, re-export, dynamic `import()` and `require`). */
function importsOf(file: string, known: ReadonlySet<string>): Edge[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    if (!specifier.startsWith('.')) return;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.[cm]?[jt]s$/, '');
    const resolved = [`${target}.ts`, `${target}/index.ts`].find((candidate) => known.has(candidate));
    if (resolved) edges.push({ to: resolved, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnlyImport(node));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, isTypeOnlyExport(node));
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Strongly connected components of more than one module, or a module importing itself (Tarjan). */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const connect = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return found;
}

const files = coreFiles(CORE);
const known = new Set(files);
const imports = new Map(files.map((file) => [file, importsOf(file, known)]));

describe('electron/core import graph', () => {
  it('finds the imports it walks (guards against a walker that sees nothing)', () => {
    const handlers = imports.get(`${CORE}/api/handlers.ts`) ?? [];
    expect(handlers.map((edge) => edge.to)).toContain(`${CORE}/api/handlers-sync.ts`);
    const migrationEdges = imports.get(`${MIGRATIONS}0001-initial.ts`) ?? [];
    expect(migrationEdges).toContainEqual({ to: `${CORE}/store/migration.ts`, typeOnly: true });
  });

  it('has no import circle except the migrations list naming its own type', () => {
    const graph = new Map(
      [...imports].map(([file, edges]) => [
        file,
        edges.filter((edge) => !(edge.typeOnly && file.startsWith(MIGRATIONS))).map((edge) => edge.to),
      ]),
    );
    expect(circles(graph)).toEqual([]);
  });

  it('keeps every domain folder out of api/ (only the composition root and transports use it)', () => {
    const API = `${CORE}/api/`;
    const composers = new Set([`${CORE}/open-core.ts`, `${CORE}/core-api.ts`]);
    const crossings = [...imports].flatMap(([file, edges]) =>
      file.startsWith(API) || composers.has(file)
        ? []
        : edges.filter((edge) => edge.to.startsWith(API)).map((edge) => `${file} → ${edge.to}`),
    );
    expect(crossings).toEqual([]);
  });
});
