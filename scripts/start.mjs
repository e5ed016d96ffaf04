#!/usr/bin/env node
// `npm start`: build if needed, then run the desktop app with Electron. Where the Electron binary
// was never downloaded (installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1, offline machines), say so
// and start the same core in browser mode instead, so the workstation is still usable.
//
// Arguments pass through: `npm start -- --data D:\archive --port 8080`. For Electron, --data
// becomes HPF_DESK_DATA (the shell's data-directory override); --port only applies to browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const BUILT = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/core/cli.mjs', 'dist/core/utility-process.mjs', 'dist/renderer/index.html'];

function ensureBuilt() {
  if (BUILT.every((file) => existsSync(path.join(root, file)))) return;
  console.error('正在构建… / building…');
  const result = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Path of the Electron executable, or null: the electron package throws when its download is missing. */
function electronBinary() {
  try {
    const binary = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The value following `--name` (or given as `--name=value`), if any. */
function option(name) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i]?.startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}

/** Run a child until it exits, passing Ctrl+C and termination on to it; exit with its code. */
function supervise(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(err.message);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * The store's SQLite (better-sqlite3-multiple-ciphers, for its encryption) talks to V8 directly, so the copy built for Node (CLI, tests) cannot load inside
 * Electron. Build a second copy for Electron's ABI once, beside the first, and point the core at
 * it (HPF_DESK_SQLITE_BINDING); packaged apps get theirs from electron-builder instead.
 */
function electronSqliteBinding() {
  const version = createRequire(import.meta.url)('electron/package.json').version;
  const cache = path.join(root, 'node_modules', '.cache', 'hpf-desk', `electron-${version}`);
  // Named for the package: a binding cached for plain better-sqlite3 would open no encrypted store.
  const binding = path.join(cache, 'better-sqlite3-multiple-ciphers.node');
  if (existsSync(binding)) return binding;
  console.error(`为 Electron ${version} 编译 SQLite（仅一次）/ building SQLite for Electron ${version} (once)…`);
  const work = path.join(cache, 'better-sqlite3-multiple-ciphers');
  rmSync(work, { recursive: true, force: true });
  cpSync(path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers'), work, { recursive: true });
  const gyp = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [gyp, 'rebuild', '--release', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit' },
  );
  if (result.status !== 0) {
    console.error('无法为 Electron 编译 SQLite / could not build better-sqlite3-multiple-ciphers for Electron');
    return null;
  }
  mkdirSync(cache, { recursive: true });
  copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), binding);
  rmSync(work, { recursive: true, force: true });
  return binding;
}

function startElectron(binary) {
  const sqlite = electronSqliteBinding();
  if (!sqlite) {
    startBrowserMode(['桌面窗口需要为 Electron 编译的 SQLite（需要网络和编译工具）。', 'The desktop window needs better-sqlite3-multiple-ciphers built for Electron (network and a compiler).']);
    return;
  }
  const env = { ...process.env, HPF_DESK_SQLITE_BINDING: sqlite };
  // Set in some shells and CI images; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const data = option('data');
  if (data) env.HPF_DESK_DATA = path.resolve(data);
  supervise(spawn(binary, [root], { cwd: root, stdio: 'inherit', env }));
}

function openInBrowser(url) {
  const [command, commandArgs] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]] // no shell, so '&' in the URL is safe
        : ['xdg-open', [url]];
  try {
    const opener = spawn(command, commandArgs, { stdio: 'ignore', detached: true, windowsHide: true });
    opener.on('error', () => undefined); // no opener installed (servers, containers): the URL is printed anyway
    opener.unref();
  } catch {
    // same: opening a browser is a convenience
  }
}

const NO_BINARY = [
  '未安装 Electron 可执行文件，无法启动桌面窗口。',
  'The Electron binary is not installed, so the desktop window cannot start.',
  '',
  '获取方法 / To get it (needs network access):',
  '  node node_modules/electron/install.js',
  '  或 or: npm install electron   (然后 then: npx electron --version)',
];

function startBrowserMode(why = NO_BINARY) {
  console.error(['', ...why, '', '现在改为以浏览器模式启动 / Starting browser mode instead:', ''].join('\n'));
  const child = spawn(process.execPath, [path.join(root, 'bin/hpf-desk.mjs'), 'serve', ...args], {
    cwd: root,
    stdio: ['inherit', 'pipe', 'pipe'],
  });
  let opened = false;
  // The server prints its URL (with the access token) once it listens: open that, once.
  const relay = (stream, target) =>
    stream.on('data', (chunk) => {
      target.write(chunk);
      const url = opened ? null : /https?:\/\/[^\s'"<>]+/.exec(chunk.toString())?.[0];
      if (url) {
        opened = true;
        openInBrowser(url);
      }
    });
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  supervise(child);
}

ensureBuilt();
const binary = electronBinary();
if (binary) startElectron(binary);
else startBrowserMode();
