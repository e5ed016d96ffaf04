import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, resolveSafePath } from '../../electron/core/util/safe-path';

const root = '/srv/desk/renderer';

function resolved(pathname: string): string {
  const result = resolveSafePath(root, pathname, path.posix);
  if (result.kind !== 'file') throw new Error(`expected a file for ${pathname}, got: ${result.reason}`);
  return result.path;
}

describe('resolveSafePath', () => {
  it('serves index.html for the root', () => {
    expect(resolved('/')).toBe('/srv/desk/renderer/index.html');
  });

  it('serves ordinary files, decoding percent-encoded names once', () => {
    expect(resolved('/index.html')).toBe('/srv/desk/renderer/index.html');
    expect(resolved('/assets/index-3f2a9c.js')).toBe('/srv/desk/renderer/assets/index-3f2a9c.js');
    expect(resolved('/assets/%E5%9B%BE%E6%A0%87.svg')).toBe('/srv/desk/renderer/assets/图标.svg');
    expect(resolved('/assets/..hidden.css')).toBe('/srv/desk/renderer/assets/..hidden.css');
  });

  it.each([
    ['plain parent segment', '/../etc/passwd'],
    ['nested parent segment', '/assets/../../etc/passwd'],
    ['encoded dots', '/%2e%2e/etc/passwd'],
    ['encoded dots, upper case', '/%2E%2E/etc/passwd'],
    ['encoded slash after dots', '/..%2fetc%2fpasswd'],
    ['encoded slashes inside a segment', '/assets/..%2f..%2f..%2fetc%2fpasswd'],
    ['double-encoded dots', '/%252e%252e/etc/passwd'],
    ['double-encoded slash', '/..%252f..%252fetc/passwd'],
    ['backslash', '/..\\..\\etc\\passwd'],
    ['encoded backslash', '/..%5c..%5cetc%5cpasswd'],
    ['NUL byte', '/index.html\0.js'],
    ['encoded NUL byte', '/index.html%00.js'],
    ['absolute path via empty segment', '//etc/passwd'],
    ['absolute path via encoded slash', '/%2fetc/passwd'],
    ['drive letter', '/C:/Windows/win.ini'],
    ['relative path', 'index.html'],
    ['dot segment', '/./index.html'],
    ['directory', '/assets/'],
    ['malformed encoding', '/assets/%E5%9B'],
  ])('refuses %s', (_name, pathname) => {
    expect(resolveSafePath(root, pathname, path.posix).kind).toBe('forbidden');
  });

  it('stays inside the root for whatever the URL parser lets through', () => {
    for (const raw of ['app://desk/%2e%2e/%2e%2e/etc/passwd', 'app://desk/a/../../../b', 'app://desk/.%2E/x']) {
      const result = resolveSafePath(root, new URL(raw).pathname, path.posix);
      expect(result.kind === 'forbidden' || isInside(root, result.path, path.posix)).toBe(true);
    }
  });

  it('applies the same rules to Windows paths', () => {
    const winRoot = 'C:\\Program Files\\HPF Archive Desk\\resources\\app\\dist\\renderer';
    const ok = resolveSafePath(winRoot, '/assets/app.js', path.win32);
    expect(ok).toEqual({ kind: 'file', path: `${winRoot}\\assets\\app.js` });
    for (const pathname of ['/..%5c..%5cwindows', '/C:%5cWindows', '/%2e%2e/x', '/d:/x']) {
      expect(resolveSafePath(winRoot, pathname, path.win32).kind).toBe('forbidden');
    }
  });
});

describe('isInside', () => {
  it('accepts the root and paths below it', () => {
    expect(isInside(root, root, path.posix)).toBe(true);
    expect(isInside(root, `${root}/assets/a.js`, path.posix)).toBe(true);
    expect(isInside(root, `${root}/..a`, path.posix)).toBe(true);
  });

  it('refuses parents and siblings sharing a prefix', () => {
    expect(isInside(root, '/srv/desk', path.posix)).toBe(false);
    expect(isInside(root, '/srv/desk/renderer-evil/x.js', path.posix)).toBe(false);
    expect(isInside(root, '/etc/passwd', path.posix)).toBe(false);
    expect(isInside('C:\\app', 'D:\\app\\x', path.win32)).toBe(false);
  });
});
