import { z } from 'zod';

/** A saved target's name: letters (incl. 汉字), digits, `_ . -`. */
export const TargetName = z.string().trim().regex(/^[\p{L}\p{N}_.-]{1,60}$/u, 'target names are letters, digits, _ . - (at most 60)');

/** Where the station's sync keys come from (see electron/core/sync/credentials.ts). */
export const CredentialSource = z.enum(['keychain', 'environment', 'file']);
export type CredentialSource = z.infer<typeof CredentialSource>;

/** The sync target settings as the administrator's screen shows them; never a secret. */
export const SyncSettingsView = z.object({
  /** The default target, or null before one is configured. */
  target: z
    .object({ name: z.string(), uri: z.string(), endpoint: z.string().nullable(), region: z.string().nullable(), pathStyle: z.boolean() })
    .nullable(),
  /** Bytes per second; 0 for none. */
  bandwidth: z.number().int().nonnegative(),
  /** Days acknowledged batches keep their originals; null keeps them for good. */
  retainDays: z.number().int().nonnegative().nullable(),
  credentials: z.object({
    source: CredentialSource,
    /** Keys can be entered here (the desktop app's keychain); elsewhere they come from the environment or a file. */
    canStore: z.boolean(),
    /** The key in use for the default target, masked (`AKIA…WXYZ`); null when there is none. */
    accessKeyId: z.string().nullable(),
    /** Why the keys cannot be read (file readable by others, keychain changed…). */
    problem: z.string().nullable(),
  }),
  /** Reference data from the central archive and what became of it. */
  reference: z.object({
    revision: z.number().int().nullable(),
    /** The newest classification scheme version and where it came from. */
    scheme: z.object({ version: z.number().int(), source: z.enum(['shipped', 'station', 'central']), createdAt: z.string() }).nullable(),
    /** The last revision the station refused, with the reason; null when the latest was taken. */
    rejected: z.object({ revision: z.number().int(), reason: z.string(), at: z.string() }).nullable(),
  }),
});
export type SyncSettingsView = z.infer<typeof SyncSettingsView>;

const Url = z.string().trim().min(1).max(2048);

/** Sync-target settings calls (spread into the contract's methods). */
export const syncSettingsMethods = {
  'sync.settings': { request: z.object({}), response: SyncSettingsView },
  /**
   * Save the default target and the sending policy. `credentials`: new keys for the target (kept
   * by the OS keychain; refused where keys come from the environment or a file); null leaves
   * the keys as they are; `clearCredentials` forgets them.
   */
  'sync.configure': {
    request: z.object({
      name: TargetName,
      uri: Url,
      endpoint: Url.nullable().default(null),
      region: z.string().trim().min(1).max(64).nullable().default(null),
      pathStyle: z.boolean().default(true),
      bandwidth: z.number().int().nonnegative().max(10 * 1024 ** 3),
      retainDays: z.number().int().nonnegative().max(36_500).nullable(),
      credentials: z
        .object({ accessKeyId: z.string().trim().min(1).max(128), secretAccessKey: z.string().min(1).max(256), sessionToken: z.string().min(1).max(4096).optional() })
        .nullable()
        .default(null),
      clearCredentials: z.boolean().default(false),
    }),
    response: SyncSettingsView,
  },
} as const;
