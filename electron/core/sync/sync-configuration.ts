import type { ParsedRequestOf, SyncSettingsView } from '../../../shared/contract';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import { SchemeSource } from '../filing/scheme-source';
import type { Db } from '../store/open-database';
import { maskKeyId, type CredentialProvider } from './credentials';
import { localReferenceRevision, rejectedReference } from './reference-data';
import { readSyncSettings, writeSyncSettings } from './sync-settings';
import { defaultTarget, saveTarget, TargetError, targetUri } from './target-spec';
import { TransferFailure } from './transfer-errors';

export interface ConfigurationDeps {
  readonly db: Db;
  readonly credentials: CredentialProvider;
  readonly actor: string;
}

const problemOf = (err: unknown): string => (err instanceof TransferFailure ? err.error.message : err instanceof Error ? err.message : String(err));

/** The sync target settings as the administrator's screen shows them (the secret never leaves the keychain for it). */
export async function syncSettingsView(deps: ConfigurationDeps): Promise<SyncSettingsView> {
  const { db, credentials } = deps;
  const chosen = defaultTarget(db);
  const settings = readSyncSettings(db);
  let accessKeyId: string | null = null;
  let problem: string | null = null;
  // A folder target needs no keys; an S3 one says which it would use and whether they can be read.
  if (chosen?.spec.kind !== 'folder') {
    try {
      const keys = await credentials.get(chosen?.name ?? null);
      accessKeyId = keys && maskKeyId(keys.accessKeyId);
    } catch (err) {
      problem = problemOf(err);
    }
  }
  const revision = localReferenceRevision(db);
  const latest = new SchemeSource(db).versions().at(-1);
  return {
    target: chosen && {
      name: chosen.name,
      uri: targetUri(chosen.spec),
      endpoint: chosen.spec.kind === 's3' ? chosen.spec.endpoint : null,
      region: chosen.spec.kind === 's3' ? chosen.spec.region : null,
      pathStyle: chosen.spec.kind === 's3' ? chosen.spec.pathStyle : true,
    },
    bandwidth: settings.bandwidth,
    retainDays: settings.retainDays,
    credentials: { source: credentials.source, canStore: credentials.save !== undefined, accessKeyId, problem },
    reference: {
      revision: revision < 0 ? null : revision,
      scheme: latest ? { version: latest.version, source: latest.source, createdAt: latest.createdAt } : null,
      rejected: rejectedReference(db),
    },
  };
}

/**
 * Save the default target and the sending policy in one transaction, then the keys (kept by the
 * keychain, outside the store). Everything is checked before anything is written, so a refused
 * request changes nothing.
 */
export async function configureSync(deps: ConfigurationDeps, req: ParsedRequestOf<'sync.configure'>): Promise<SyncSettingsView> {
  const { db, credentials } = deps;
  const changesKeys = req.credentials !== null || req.clearCredentials;
  if (changesKeys && (credentials.save === undefined || credentials.remove === undefined)) {
    throw new DeskError(
      'conflict',
      credentials.source === 'file'
        ? '此模式下访问凭据来自 --credentials 指定的凭据文件，不能在这里保存 / here the keys come from the credentials file given with --credentials and cannot be saved from this screen'
        : '此模式下访问凭据来自环境变量 AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY，不能在这里保存 / here the keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and cannot be saved from this screen',
    );
  }
  if (req.credentials !== null && req.clearCredentials) throw new DeskError('bad_request', 'give new keys or clear them, not both');
  try {
    db.transaction(() => {
      const spec = saveTarget(db, req.name, req.uri, { endpoint: req.endpoint, region: req.region, pathStyle: req.pathStyle }, true);
      if (spec.kind === 'folder' && req.credentials !== null) throw new TargetError('文件夹目标不需要访问密钥 / a folder target takes no access keys');
      writeSyncSettings(db, { bandwidth: req.bandwidth, retainDays: req.retainDays });
      // Where the archive's data goes and how long originals stay are an administrator's acts
      // an auditor asks about; the keys themselves never enter the log.
      appendEvent(db, {
        actor: deps.actor,
        kind: 'sync.configured',
        subject: req.name,
        data: { uri: targetUri(spec), bandwidth: req.bandwidth, retainDays: req.retainDays, keys: req.credentials !== null ? 'replaced' : req.clearCredentials ? 'cleared' : 'kept' },
      });
    })();
  } catch (err) {
    if (err instanceof TargetError) throw new DeskError('bad_request', err.message);
    throw err;
  }
  try {
    if (req.credentials !== null) await credentials.save!(req.name, req.credentials);
    if (req.clearCredentials) await credentials.remove!(req.name);
  } catch (err) {
    throw new DeskError('conflict', `目标已保存，但密钥未能保存 / the target was saved, the keys were not: ${problemOf(err)}`);
  }
  return syncSettingsView(deps);
}
