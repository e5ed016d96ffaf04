/**
 * Station roles and what each may do, as data (DOMAIN: the administrator manages users and
 * roles). The core's dispatcher and the command line both check against these tables; the UI
 * only uses them to hide what would be refused anyway.
 */
export const ROLES = ['clerk', 'archivist', 'qc', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** See personal data (ID numbers, bank cards, phones, addresses) unmasked; every view is audited. */
  'pii.reveal',
  /** Store a new version of the classification scheme and checklists. */
  'scheme.edit',
  /** Draw QC samples, judge their pages and accept or reject the batch. */
  'qc.decide',
  /** Set the sync target, bandwidth and retention. */
  'sync.configure',
  /** Import and link old catalogues (数据挂接), which write metadata into many items at once. */
  'catalogue.import',
  /** Station-wide capture settings: scan profiles and the default OCR engine. */
  'station.configure',
  /** Add users, change roles and passwords, disable users. */
  'users.manage',
  /** See the supervision figures of the whole station (without it, only one's own). */
  'stats.view',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Clerks capture, check and file at the counter: everything but the permissions above, and they
 * see personal data masked (they hold the customer's papers in their hands anyway). Archivists
 * key and link old catalogues against full ID numbers; QC inspectors compare metadata with pages.
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  clerk: [],
  // Archivists run backfile production and read its per-operator figures (DA/T 31 production control).
  archivist: ['pii.reveal', 'catalogue.import', 'station.configure', 'stats.view'],
  qc: ['pii.reveal', 'qc.decide'],
  admin: PERMISSIONS,
};

export const ROLE_NAMES: Readonly<Record<Role, { readonly zh: string; readonly en: string }>> = {
  clerk: { zh: '窗口柜员', en: 'counter clerk' },
  archivist: { zh: '档案员', en: 'archivist' },
  qc: { zh: '质检员', en: 'QC inspector' },
  admin: { zh: '管理员', en: 'administrator' },
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/**
 * API methods that need a permission beyond being signed in. `whenFlag` names a boolean request
 * field: only a request with it set needs the permission (`items.get` masks unless `reveal`).
 */
export const METHOD_PERMISSIONS: Readonly<Record<string, { readonly permission: Permission; readonly whenFlag?: string }>> = {
  'items.get': { permission: 'pii.reveal', whenFlag: 'reveal' },
  'scheme.save': { permission: 'scheme.edit' },
  // Both keyings of an item side by side, in full: what a reveal shows.
  'keying.compare': { permission: 'pii.reveal' },
  'qc.sample': { permission: 'qc.decide' },
  'qc.judge': { permission: 'qc.decide' },
  'qc.decide': { permission: 'qc.decide' },
  // A preview lists the catalogue's rows with their values, unmasked.
  'catalogue.preview': { permission: 'catalogue.import' },
  'catalogue.import': { permission: 'catalogue.import' },
  'catalogue.link': { permission: 'catalogue.import' },
  'profiles.save': { permission: 'station.configure' },
  'profiles.delete': { permission: 'station.configure' },
  'ocr.setEngine': { permission: 'station.configure' },
  // The sync target, its keys, the bandwidth cap and how long acknowledged batches stay.
  'sync.configure': { permission: 'sync.configure' },
};

/** Methods anyone may call before signing in: who the station is, and the session itself. */
export const PUBLIC_METHODS: ReadonlySet<string> = new Set(['station.info', 'session.get', 'session.signIn', 'session.signOut']);

/** The permission a call needs, or null when any signed-in user may make it. */
export function requiredPermission(method: string, request: unknown): Permission | null {
  const rule = METHOD_PERMISSIONS[method];
  if (!rule) return null;
  if (rule.whenFlag === undefined) return rule.permission;
  const flag = typeof request === 'object' && request !== null ? (request as Record<string, unknown>)[rule.whenFlag] : undefined;
  return flag === true ? rule.permission : null;
}
