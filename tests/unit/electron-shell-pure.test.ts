import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAppUrl, isExternalLink } from '../../electron/main/app-origin';
import { sha256FromBlobUrl } from '../../electron/main/blob-path';
import { mimeTypeForFile, mimeTypeForObject } from '../../electron/main/mime-types';
import { shellPaths, unpackedPath } from '../../electron/main/shell-paths';

const sha = 'ab'.repeat(32);

describe('app origin checks', () => {
  it('recognises only the app origin', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://desk')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('app://desk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://user@desk/index.html')).toBe(false);
    expect(isAppUrl('https://desk/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('opens only https links externally', () => {
    expect(isExternalLink('https://example.org/help')).toBe(true);
    expect(isExternalLink('http://example.org/')).toBe(false);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
  });

  it('has a CSP that forbids everything not named', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});

describe('blob addresses', () => {
  it('names no object unless the address holds 64 lowercase hex digits', () => {
    for (const bad of ['', 'ab', sha.toUpperCase(), `${sha}0`, `../${sha.slice(3)}`, `${sha.slice(1)}/`, `${sha.slice(1)}\0`]) {
      expect(sha256FromBlobUrl(`hpf-blob://objects/${bad}`)).toBeNull();
    }
  });

  it('parses only hpf-blob://objects/<sha256>', () => {
    expect(sha256FromBlobUrl(`hpf-blob://objects/${sha}`)).toBe(sha);
    expect(sha256FromBlobUrl(`hpf-blob://objects/${sha}?x=1`)).toBeNull();
    expect(sha256FromBlobUrl(`hpf-blob://objects/${sha}/`)).toBeNull();
    expect(sha256FromBlobUrl(`hpf-blob://other/${sha}`)).toBeNull();
    expect(sha256FromBlobUrl(`hpf-blob://objects/ab/${sha}`)).toBeNull();
    expect(sha256FromBlobUrl(`hpf-blob://objects/..%2F..%2Fdesk.sqlite`)).toBeNull();
    expect(sha256FromBlobUrl(`app://objects/${sha}`)).toBeNull();
  });
});

describe('mime types', () => {
  it('types renderer files by extension', () => {
    expect(mimeTypeForFile('/r/index.html')).toMatch(/^text\/html/);
    expect(mimeTypeForFile('/r/assets/a.JS')).toMatch(/^text\/javascript/);
    expect(mimeTypeForFile('/r/assets/pdf.worker.mjs')).toMatch(/^text\/javascript/);
    expect(mimeTypeForFile('/r/unknown.xyz')).toBe('application/octet-stream');
  });

  it('types stored objects by their first bytes', () => {
    expect(mimeTypeForObject(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(mimeTypeForObject(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(mimeTypeForObject(new TextEncoder().encode('%PDF-1.7\n'))).toBe('application/pdf');
    expect(mimeTypeForObject(new TextEncoder().encode('<script>alert(1)</script>'))).toBe('application/octet-stream');
  });
});

describe('shell paths', () => {
  it('finds the built pieces next to the main bundle', () => {
    const paths = shellPaths('/opt/desk/dist/electron');
    expect(paths.preload).toBe(path.join('/opt/desk/dist/electron', 'preload.cjs'));
    expect(paths.rendererRoot).toBe(path.join('/opt/desk/dist', 'renderer'));
    expect(paths.coreEntry).toBe(path.join('/opt/desk/dist', 'core', 'utility-process.mjs'));
  });

  it('starts the core from outside the asar archive when packaged', () => {
    expect(unpackedPath('/opt/HPF/resources/app.asar/dist/core/utility-process.mjs')).toBe(
      '/opt/HPF/resources/app.asar.unpacked/dist/core/utility-process.mjs',
    );
    expect(unpackedPath('C:\\HPF\\resources\\app.asar\\dist\\core\\u.mjs')).toBe('C:\\HPF\\resources\\app.asar.unpacked\\dist\\core\\u.mjs');
    expect(unpackedPath('/home/me/app.asarx/dist/u.mjs')).toBe('/home/me/app.asarx/dist/u.mjs');
  });
});
