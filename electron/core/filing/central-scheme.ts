import { z } from 'zod';
import { ChecklistVersion, SchemeBody } from '../../../shared/filing/scheme';

/**
 * Reference data files the central archive publishes for filing (docs/central-contract.md §5):
 * a whole classification scheme, and/or the material checklists of some business types.
 */
export const SCHEME_FILE = 'classification-scheme.json';
export const CHECKLISTS_FILE = 'checklists.json';

/** `checklists.json`: for each business type listed, its complete list of checklist versions. */
const ChecklistsFile = z.object({
  format: z.literal('hpf-desk/checklists'),
  businessTypes: z.record(z.string(), z.array(ChecklistVersion).min(1)),
});

export type CentralProposal =
  /** The published set has nothing for filing. */
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly body: SchemeBody }
  | { readonly kind: 'invalid'; readonly reason: string };

const issues = (file: string, error: z.ZodError): string =>
  `${file}: ${error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}${error.issues.length > 5 ? ` (+${error.issues.length - 5})` : ''}`;

function parseJson(file: string, bytes: Buffer): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch (err) {
    return { ok: false, reason: `${file}: not JSON (${(err as Error).message})` };
  }
}

/**
 * The scheme a published reference set makes: the centre's scheme when it publishes one, else
 * the station's current one, with the published checklists replacing those of their business
 * types; validated whole by the scheme schema. Pure: the caller stores it (or the rejection).
 */
export function proposeCentralScheme(current: SchemeBody, files: ReadonlyMap<string, Buffer>): CentralProposal {
  const schemeBytes = files.get(SCHEME_FILE);
  const checklistBytes = files.get(CHECKLISTS_FILE);
  if (!schemeBytes && !checklistBytes) return { kind: 'none' };
  let base = current;
  if (schemeBytes) {
    const json = parseJson(SCHEME_FILE, schemeBytes);
    if (!json.ok) return { kind: 'invalid', reason: json.reason };
    const parsed = SchemeBody.safeParse(json.value);
    if (!parsed.success) return { kind: 'invalid', reason: issues(SCHEME_FILE, parsed.error) };
    base = parsed.data;
  }
  if (!checklistBytes) return { kind: 'valid', body: base };
  const json = parseJson(CHECKLISTS_FILE, checklistBytes);
  if (!json.ok) return { kind: 'invalid', reason: json.reason };
  const parsed = ChecklistsFile.safeParse(json.value);
  if (!parsed.success) return { kind: 'invalid', reason: issues(CHECKLISTS_FILE, parsed.error) };
  const published = parsed.data.businessTypes;
  const unknown = Object.keys(published).filter((code) => !base.businessTypes.some((b) => b.code === code));
  if (unknown.length > 0) return { kind: 'invalid', reason: `${CHECKLISTS_FILE}: the scheme has no business type ${unknown.join(', ')}` };
  const merged = SchemeBody.safeParse({
    ...base,
    businessTypes: base.businessTypes.map((b) => (published[b.code] ? { ...b, checklists: published[b.code] } : b)),
  });
  if (!merged.success) return { kind: 'invalid', reason: issues(CHECKLISTS_FILE, merged.error) };
  return { kind: 'valid', body: merged.data };
}
