import type { RequestOf, SyncSettingsView } from '../../../shared/contract';

/** The sync settings form as typed: every field a string or a flag, as the inputs hold them. */
export interface SyncSettingsForm {
  readonly name: string;
  readonly uri: string;
  readonly endpoint: string;
  readonly region: string;
  readonly pathStyle: boolean;
  readonly accessKeyId: string;
  readonly secret: string;
  readonly clearKeys: boolean;
  /** MB per second; 0 for no cap. */
  readonly bandwidthMb: string;
  /** Empty: keep originals for good. */
  readonly retainDays: string;
}

export type FormProblem = 'required' | 'secretPair' | 'badNumber';

const MB = 1024 * 1024;

/** A figure without trailing zeros: 2, 0.5, 1.25. */
const plain = (n: number): string => String(Math.round(n * 100) / 100);

export function formFromView(view: SyncSettingsView): SyncSettingsForm {
  return {
    name: view.target?.name ?? '中心',
    uri: view.target?.uri ?? '',
    endpoint: view.target?.endpoint ?? '',
    region: view.target?.region ?? '',
    pathStyle: view.target?.pathStyle ?? true,
    accessKeyId: '',
    secret: '',
    clearKeys: false,
    bandwidthMb: plain(view.bandwidth / MB),
    retainDays: view.retainDays === null ? '' : String(view.retainDays),
  };
}

const number = (text: string): number | null => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : null;
};

/** The request the form makes, or what is wrong with it. Keys are sent only when both halves are given. */
export function requestFromForm(form: SyncSettingsForm): { ok: true; request: RequestOf<'sync.configure'> } | { ok: false; problem: FormProblem } {
  if (!form.name.trim() || !form.uri.trim()) return { ok: false, problem: 'required' };
  const keyId = form.accessKeyId.trim();
  if ((keyId === '') !== (form.secret === '')) return { ok: false, problem: 'secretPair' };
  const bandwidth = number(form.bandwidthMb);
  const retain = form.retainDays.trim() === '' ? null : number(form.retainDays);
  if (bandwidth === null || (retain !== null && !Number.isInteger(retain)) || (form.retainDays.trim() !== '' && retain === null)) {
    return { ok: false, problem: 'badNumber' };
  }
  return {
    ok: true,
    request: {
      name: form.name.trim(),
      uri: form.uri.trim(),
      endpoint: form.endpoint.trim() || null,
      region: form.region.trim() || null,
      pathStyle: form.pathStyle,
      bandwidth: Math.round(bandwidth * MB),
      retainDays: retain,
      credentials: keyId === '' ? null : { accessKeyId: keyId, secretAccessKey: form.secret },
      clearCredentials: keyId === '' && form.clearKeys,
    },
  };
}
