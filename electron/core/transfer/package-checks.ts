import type { CheckResult } from '../../../shared/contract';
import type { CheckFigures, Finding, FindingCode } from '../../../shared/transfer/check-words';
import type { BlobStore } from '../files/blob-store';
import { digestBytes } from '../files/digest-file';
import type { BagFile, BagPlan } from './bag-layout';
import { checkResult } from './check-result';
import { COMMIT_MARKER, parseBagInfo, parseManifest, payloadOxum, SM3_MANIFEST } from './bag-text';

const found = (code: FindingCode, figures: CheckFigures): Finding => ({ code, figures });

/** Differences between a manifest read back and what it must list. */
function manifestProblems(manifest: string, text: string, want: ReadonlyMap<string, string>): Finding[] {
  const got = parseManifest(text);
  if (!got) return [found('manifest-malformed', { manifest })];
  const problems: Finding[] = [];
  for (const [path, digest] of want) if (got.get(path) !== digest) problems.push(found('manifest-differs', { manifest, path }));
  for (const path of got.keys()) if (!want.has(path)) problems.push(found('manifest-unexpected', { manifest, path }));
  return problems;
}

/**
 * The package half of 四性检测, on the bag as built: the generated files read back from the
 * store, the manifests (SHA-256, SHA-512, SM3) and Payload-Oxum against the payload, the tag
 * manifest against the tag files, and names that would collide on a case-insensitive disk (USB,
 * Windows share).
 */
export async function checkPackage(blobs: BlobStore, plan: BagPlan): Promise<CheckResult[]> {
  const texts = new Map<string, string>();
  const hashProblems: Finding[] = [];
  for (const f of plan.files) {
    if (f.role !== 'metadata' && f.role !== 'tag' && f.role !== 'ocr') continue;
    const bytes = await blobs.read(f.sha256).catch(() => null);
    const d = bytes && digestBytes(bytes);
    if (!d || d.sha256 !== f.sha256 || d.sha512 !== f.sha512 || d.sm3 !== f.sm3 || d.size !== f.size) hashProblems.push(found('package-file', { path: f.path }));
    if (bytes && f.role === 'tag') texts.set(f.path, bytes.toString('utf8'));
  }
  const payload = plan.files.filter((f) => f.role !== 'tag');
  const tags = plan.files.filter((f) => f.role === 'tag' && f.path !== COMMIT_MARKER);
  const digests = (files: readonly BagFile[], key: 'sha256' | 'sha512' | 'sm3') => new Map(files.map((f) => [f.path, f[key] ?? '']));

  const manifest = [
    ...manifestProblems('manifest-sha256.txt', texts.get('manifest-sha256.txt') ?? '', digests(payload, 'sha256')),
    ...manifestProblems('manifest-sha512.txt', texts.get('manifest-sha512.txt') ?? '', digests(payload, 'sha512')),
    ...manifestProblems(SM3_MANIFEST, texts.get(SM3_MANIFEST) ?? '', digests(payload, 'sm3')),
  ];
  const oxum = parseBagInfo(texts.get('bag-info.txt') ?? '').get('Payload-Oxum');
  const bytes = payload.reduce((n, f) => n + f.size, 0);
  if (oxum !== payloadOxum(bytes, payload.length)) manifest.push(found('payload-oxum', { got: oxum ?? '—', want: payloadOxum(bytes, payload.length) }));
  const folded = new Map<string, string>();
  for (const f of plan.files) {
    const key = f.path.normalize('NFC').toLowerCase();
    if (folded.has(key)) manifest.push(found('name-collision', { path: f.path, other: folded.get(key)! }));
    folded.set(key, f.path);
    if (f.role !== 'tag' && !f.path.startsWith('data/')) manifest.push(found('outside-data', { path: f.path }));
  }

  return [
    checkResult('authenticity', 'authenticity.package-hash', hashProblems),
    checkResult('integrity', 'integrity.manifest', manifest, { total: payload.length, bytes }),
    checkResult('security', 'security.tag-manifest', manifestProblems(COMMIT_MARKER, texts.get(COMMIT_MARKER) ?? '', digests(tags, 'sha256'))),
  ];
}
