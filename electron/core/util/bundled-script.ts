import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { devOverride, type DevOverride } from './dev-override';

/**
 * Where a script the build bundles separately (a worker, the OCR host) is: the path in `envVar`
 * when set outside a packaged app (tests run the TypeScript sources and point it at a built
 * copy), else beside the bundle that loads this module (esbuild keeps `import.meta.url` as the running bundle's).
 */
export function bundledScript(file: string, envVar: DevOverride): string {
  const override = devOverride(envVar);
  if (override) return override;
  const sibling = fileURLToPath(new URL(`./${file}`, import.meta.url));
  if (existsSync(sibling)) return sibling;
  throw new Error(`${file} not found at ${sibling}; run npm run build`);
}
