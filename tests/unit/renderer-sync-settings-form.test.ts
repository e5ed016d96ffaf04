import { describe, expect, it } from 'vitest';
import type { SyncSettingsView } from '../../shared/contract';
import { formFromView, requestFromForm } from '../../renderer/src/sync/sync-settings-form';

const VIEW: SyncSettingsView = {
  target: { name: '中心', uri: 's3://central-archive/branch-07/', endpoint: 'https://minio.centre.lan:9000', region: null, pathStyle: true },
  bandwidth: 1.5 * 1024 * 1024,
  retainDays: null,
  credentials: { source: 'keychain', canStore: true, accessKeyId: 'AKIA…MPLE', problem: null },
  reference: { revision: null, scheme: null, rejected: null },
};

describe('sync settings form', () => {
  it('shows the saved settings in the units people type, never a key', () => {
    expect(formFromView(VIEW)).toEqual({
      name: '中心',
      uri: 's3://central-archive/branch-07/',
      endpoint: 'https://minio.centre.lan:9000',
      region: '',
      pathStyle: true,
      accessKeyId: '',
      secret: '',
      clearKeys: false,
      bandwidthMb: '1.5',
      retainDays: '',
    });
  });

  it('makes the request: MB/s to bytes, empty retention keeps originals, keys only as a pair', () => {
    const form = { ...formFromView(VIEW), bandwidthMb: '2', retainDays: '30', endpoint: ' ' };
    expect(requestFromForm(form)).toEqual({
      ok: true,
      request: {
        name: '中心', uri: 's3://central-archive/branch-07/', endpoint: null, region: null, pathStyle: true,
        bandwidth: 2 * 1024 * 1024, retainDays: 30, credentials: null, clearCredentials: false,
      },
    });
    const keyed = requestFromForm({ ...form, accessKeyId: ' AKIANEW ', secret: 's3cr et' });
    expect(keyed.ok && keyed.request.credentials).toEqual({ accessKeyId: 'AKIANEW', secretAccessKey: 's3cr et' });
    expect(requestFromForm({ ...form, clearKeys: true })).toMatchObject({ ok: true, request: { clearCredentials: true } });
  });

  it('names what is wrong', () => {
    const form = formFromView(VIEW);
    expect(requestFromForm({ ...form, uri: '' })).toEqual({ ok: false, problem: 'required' });
    expect(requestFromForm({ ...form, accessKeyId: 'AKIANEW' })).toEqual({ ok: false, problem: 'secretPair' });
    expect(requestFromForm({ ...form, bandwidthMb: 'fast' })).toEqual({ ok: false, problem: 'badNumber' });
    expect(requestFromForm({ ...form, retainDays: '1.5' })).toEqual({ ok: false, problem: 'badNumber' });
    expect(requestFromForm({ ...form, retainDays: '-1' })).toEqual({ ok: false, problem: 'badNumber' });
  });
});
