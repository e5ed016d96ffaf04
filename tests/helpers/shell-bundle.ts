import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Builds the Electron shell bundles (main and preload) from the current sources, so a test of
 * the bundles never passes on a stale dist/. esbuild takes well under a second for both.
 */
export function buildShell(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', 'shell'], { cwd: root, stdio: 'inherit' });
}

/**
 * Runs a built CommonJS bundle (dist/electron/<name>.cjs) as Electron does: wrapped in a
 * function that receives `require`, `module` and `exports`. `resolve` is the whole module world
 * the bundle gets: it returns a module or throws, as Electron's sandboxed `require` does for a
 * name it does not know. `globals` makes a fresh `node:vm` context with only those globals (a
 * sandboxed preload's world); without it the bundle runs in this context (the main process's).
 */
export function runShellBundle(
  name: 'main' | 'preload',
  resolve: (id: string) => unknown,
  globals?: Readonly<Record<string, unknown>>,
): { readonly file: string; readonly required: readonly string[] } {
  const file = path.join(root, 'dist/electron', `${name}.cjs`);
  const code = readFileSync(file, 'utf8');
  const required: string[] = [];
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    return resolve(id);
  };
  const module = { exports: {} };
  const source = `(function (exports, require, module, __filename, __dirname) {${code}\n})`;
  const wrapper = (globals ? vm.runInContext(source, vm.createContext({ ...globals }), { filename: file }) : vm.runInThisContext(source, { filename: file })) as (
    ...args: unknown[]
  ) => void;
  wrapper(module.exports, sandboxRequire, module, file, path.dirname(file));
  return { file, required };
}
