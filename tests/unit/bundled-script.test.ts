import { afterEach, describe, expect, it } from 'vitest';
import { bundledScript } from '../../electron/core/util/bundled-script';

const VAR = 'HPF_DESK_TEST_BUNDLED_SCRIPT';

describe('bundledScript', () => {
  afterEach(() => {
    delete process.env[VAR];
  });

  it('takes the path the environment names (tests point it at a build)', () => {
    process.env[VAR] = '/opt/desk/dist/core/some-worker.mjs';
    expect(bundledScript('some-worker.mjs', VAR)).toBe('/opt/desk/dist/core/some-worker.mjs');
  });

  it('says which script is missing and how to get it when there is none beside the module', () => {
    expect(() => bundledScript('no-such-worker.mjs', VAR)).toThrow(/no-such-worker\.mjs not found at .*no-such-worker\.mjs; run npm run build/);
  });
});
