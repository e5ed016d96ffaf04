import { afterEach, describe, expect, it } from 'vitest';
import { bundledScript } from '../../electron/core/util/bundled-script';
import { devOverride, PACKAGED_ENV } from '../../electron/core/util/dev-override';

// A real override name; the test's process has it pointed at the build (vitest.config.ts).
const VAR = 'HPF_DESK_BARCODE_WORKER';
const saved = { override: process.env[VAR], packaged: process.env[PACKAGED_ENV] };

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

describe('bundledScript', () => {
  afterEach(() => {
    restore(VAR, saved.override);
    restore(PACKAGED_ENV, saved.packaged);
  });

  it('takes the path the environment names (tests point it at a build)', () => {
    process.env[VAR] = '/opt/desk/dist/core/some-worker.mjs';
    expect(bundledScript('some-worker.mjs', VAR)).toBe('/opt/desk/dist/core/some-worker.mjs');
  });

  it('says which script is missing and how to get it when there is none beside the module', () => {
    delete process.env[VAR];
    expect(() => bundledScript('no-such-worker.mjs', VAR)).toThrow(/no-such-worker\.mjs not found at .*no-such-worker\.mjs; run npm run build/);
  });

  it('ignores the environment in a packaged app and looks beside the module only', () => {
    process.env[VAR] = '/tmp/elsewhere/no-such-worker.mjs';
    process.env[PACKAGED_ENV] = '1';
    expect(() => bundledScript('no-such-worker.mjs', VAR)).toThrow(/not found at (?!\/tmp\/elsewhere)/);
  });
});

describe('devOverride', () => {
  it('honours an override in development and tests', () => {
    expect(devOverride('HPF_DESK_SCANIMAGE', { HPF_DESK_SCANIMAGE: '/opt/sane/scanimage' })).toBe('/opt/sane/scanimage');
    expect(devOverride('HPF_DESK_SQLITE_BINDING', { HPF_DESK_SQLITE_BINDING: '/build/electron/better_sqlite3.node' })).toBe(
      '/build/electron/better_sqlite3.node',
    );
  });

  it('treats unset and empty alike', () => {
    expect(devOverride('HPF_DESK_OCR_HOST', {})).toBeUndefined();
    expect(devOverride('HPF_DESK_OCR_HOST', { HPF_DESK_OCR_HOST: '' })).toBeUndefined();
  });

  it('never honours one in a packaged app', () => {
    const env = { [PACKAGED_ENV]: '1', HPF_DESK_OCR_HOST: '/tmp/evil.mjs', HPF_DESK_MEDIA_WORKER: '/tmp/evil.mjs', HPF_DESK_SCANIMAGE: '/tmp/evil' };
    expect(devOverride('HPF_DESK_OCR_HOST', env)).toBeUndefined();
    expect(devOverride('HPF_DESK_MEDIA_WORKER', env)).toBeUndefined();
    expect(devOverride('HPF_DESK_SCANIMAGE', env)).toBeUndefined();
  });
});
