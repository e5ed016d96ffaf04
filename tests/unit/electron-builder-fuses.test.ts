import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder reads its configuration with js-yaml; the test reads it the same way.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

const config = load(readFileSync(path.resolve(import.meta.dirname, '../../electron-builder.yml'), 'utf8')) as {
  readonly asar?: unknown;
  readonly electronFuses?: Readonly<Record<string, unknown>>;
};

describe('electron-builder fuses', () => {
  it('packages the app so it cannot be run as Node, inspected or fed code from outside its archive', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
