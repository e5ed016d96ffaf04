#!/usr/bin/env node
// The CLI entry: the core is built into dist/ by `npm run build` (run by `npm install`'s prepare step).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/core/cli.mjs', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('hpf-desk: 尚未构建，请先运行 npm run build / not built yet: run `npm run build` first');
  process.exit(1);
}
await import(cli.href);
