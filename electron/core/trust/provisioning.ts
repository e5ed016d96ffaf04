import { z } from 'zod';
import { appendEvent } from '../audit/event-log';
import type { Db } from '../store/open-database';
import { getStation } from '../store/repo/station';
import { saveTarget, TargetError } from '../sync/target-spec';
import { EncryptionKeyRef } from './carrier-keys';
import { SIGNATURE_ALGORITHMS, type PublicKeyRef } from './signing';

/**
 * The provisioning file a centre gives each station at set-up (docs/central-contract.md §7):
 * whom to trust (the centre's public key), where to send, and who the station is. It holds no
 * secret: it may travel by e-mail or USB; what matters is that it comes from the centre.
 */
export const ProvisioningFile = z.object({
  format: z.literal('hpf-desk/provisioning'),
  version: z.literal(1),
  centre: z.object({
    name: z.string().min(1).max(200),
    algorithm: z.enum(SIGNATURE_ALGORITHMS as ['ed25519', 'sm2']),
    publicKey: z.string().min(1).max(500),
    /** The centre's encryption key (central keygen): bags written to a folder target are sealed for it. */
    encryptionKey: EncryptionKeyRef.optional(),
  }),
  station: z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), name: z.string().min(1).max(100), fonds: z.string().regex(/^[A-Za-z0-9]{1,20}$/) }),
  target: z.object({
    uri: z.string().min(1),
    endpoint: z.string().nullable().default(null),
    region: z.string().nullable().default(null),
    pathStyle: z.boolean().optional(),
  }),
  /** The centre's reference-data revision when the file was made: the first one the station takes is counted from here. */
  referenceRevision: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).default(0),
});
export type ProvisioningFile = z.infer<typeof ProvisioningFile>;

export class ProvisioningError extends Error {
  override name = 'ProvisioningError';
}

/** Parse a provisioning file, every problem named for the person holding it. */
export function parseProvisioning(bytes: Buffer): ProvisioningFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ProvisioningError('配置文件不是 JSON / the provisioning file is not JSON');
  }
  const parsed = ProvisioningFile.safeParse(json);
  if (!parsed.success) {
    throw new ProvisioningError(`配置文件无效 / invalid provisioning file: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

const CENTRE_KEY = 'trust.centre';
const BASELINE_KEY = 'trust.referenceBaseline';
/** The name the provisioned target is saved under (and made the default). */
export const PROVISIONED_TARGET = 'centre';

export interface CentreTrust extends PublicKeyRef {
  readonly name: string;
  /** Absent when the centre published none: carried bags then travel in the clear. */
  readonly encryptionKey?: EncryptionKeyRef;
}

/** The centre's key this station acts on, or null while the station is not provisioned. */
export function centreTrust(db: Db): CentreTrust | null {
  const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(CENTRE_KEY) as string | undefined;
  return text ? (JSON.parse(text) as CentreTrust) : null;
}

/** The revision reference data is counted from when the station has taken none yet. */
export function referenceBaseline(db: Db): number {
  return Number(db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(BASELINE_KEY) ?? 0);
}

/**
 * Take a provisioning file into a store opened with its station id: the centre's key, the
 * baseline revision, and the target (saved as `centre`, the default), audited, in one step.
 * A store that already is another station (id or 全宗号) is refused: its batches carry that identity.
 */
export function applyProvisioning(db: Db, actor: string, file: ProvisioningFile): void {
  const station = getStation(db);
  if (station.id !== file.station.id || station.fonds !== file.station.fonds) {
    throw new ProvisioningError(
      `此数据存储已是工作站 ${station.id}（全宗 ${station.fonds}），配置文件是给 ${file.station.id}（全宗 ${file.station.fonds}）的 / this store is station ${station.id} (fonds ${station.fonds}); the file is for ${file.station.id} (fonds ${file.station.fonds})`,
    );
  }
  const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  try {
    db.transaction(() => {
      const trust: CentreTrust = { name: file.centre.name, algorithm: file.centre.algorithm, publicKey: file.centre.publicKey, ...(file.centre.encryptionKey ? { encryptionKey: file.centre.encryptionKey } : {}) };
      put.run(CENTRE_KEY, JSON.stringify(trust));
      put.run(BASELINE_KEY, String(file.referenceRevision));
      saveTarget(db, PROVISIONED_TARGET, file.target.uri, { endpoint: file.target.endpoint, region: file.target.region, ...(file.target.pathStyle === undefined ? {} : { pathStyle: file.target.pathStyle }) }, true);
      appendEvent(db, { actor, kind: 'station.provisioned', subject: station.id, data: { centre: trust, target: file.target, referenceRevision: file.referenceRevision } });
    })();
  } catch (err) {
    if (err instanceof TargetError) throw new ProvisioningError(err.message);
    throw err;
  }
}
