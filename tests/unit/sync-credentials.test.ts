import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { environmentCredentials, maskKeyId, parseCredentialsFile } from '../../electron/core/sync/credentials';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

const FILE = `# keys for the central archive
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default/secret

[profile branch-07]
aws_access_key_id=AKIABRANCH
aws_secret_access_key=branch+secret
aws_session_token = token==
`;

describe('credentials for the CLI and the browser mode', () => {
  it('read a profile of an AWS shared-credentials file', () => {
    expect(parseCredentialsFile(FILE, 'default')).toEqual({ accessKeyId: 'AKIADEFAULT', secretAccessKey: 'default/secret' });
    expect(parseCredentialsFile(FILE, 'branch-07')).toEqual({ accessKeyId: 'AKIABRANCH', secretAccessKey: 'branch+secret', sessionToken: 'token==' });
    expect(parseCredentialsFile(FILE, 'other')).toBeNull();
    expect(parseCredentialsFile('[default]\naws_access_key_id = only-the-id\n', 'default')).toBeNull();
  });

  it('take the standard AWS environment variables, or nothing', async () => {
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret' };
    const provider = environmentCredentials({ env });
    expect(provider.source).toBe('environment');
    expect(provider.save).toBeUndefined();
    expect(await provider.get('中心')).toEqual({ accessKeyId: 'AKIAENV', secretAccessKey: 'env-secret' });
    expect(await environmentCredentials({ env: { AWS_ACCESS_KEY_ID: 'AKIAENV' } }).get(null)).toBeNull();
  });

  it('prefer a credentials file given by path, and refuse one other users can read', async () => {
    const file = path.join(await tempDir(), 'credentials');
    await writeFile(file, FILE, { mode: 0o644 });
    await chmod(file, 0o644);
    const env = { AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 'env-secret', AWS_PROFILE: 'branch-07' };
    const provider = environmentCredentials({ env, file, platform: 'linux' });
    expect(provider.source).toBe('file');
    await expect(provider.get(null)).rejects.toMatchObject({ error: { code: 'credentials_file', message: expect.stringMatching(/mode 644.*chmod 600/) } });
    await chmod(file, 0o600);
    expect(await provider.get(null)).toMatchObject({ accessKeyId: 'AKIABRANCH' });
    // The path can also come from the environment (a service unit's Environment=).
    expect(environmentCredentials({ env: { HPF_DESK_CREDENTIALS: file }, platform: 'linux' }).source).toBe('file');
    await expect(environmentCredentials({ file: `${file}.missing`, platform: 'linux' }).get(null)).rejects.toMatchObject({ error: { code: 'credentials_file' } });
    await writeFile(file, '[default]\n', { mode: 0o600 });
    await expect(environmentCredentials({ file, env: {}, platform: 'linux' }).get(null)).rejects.toMatchObject({ error: { message: expect.stringContaining('[default]') } });
  });

  it('mask key ids for display', () => {
    expect(maskKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('AKIA…MPLE');
    expect(maskKeyId('S3RVER')).toBe('S3…');
  });
});
