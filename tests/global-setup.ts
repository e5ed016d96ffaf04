import { execFileSync } from 'node:child_process';

/** Build the core bundles (CLI, media worker) the integration tests run. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', 'core'], { stdio: 'inherit' });
}
