/**
 * Station roles and what each may do, as data (DOMAIN: the administrator manages users and
 * roles). The core's dispatcher and the command line both check against these tables; the UI
 * only uses them to hide what would be refused anyway.
 */
export const ROLES = ['clerk', 'archivist', 'qc', 'head', 'admin', 'sysadmin', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * 三员分立 (等保 2.0): the system administrator, the security administrator and the security
 * auditor share out what the single `admin` may do, and no person holds two of them. A station
 * chooses at set-up: `single` (one administrator, for small branches) or `separated`.
 */
export const SEPARATED_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];
export type SeparatedRole = (typeof SEPARATED_ROLES)[number];
export const isSeparatedRole = (role: Role): role is SeparatedRole => (SEPARATED_ROLES as readonly Role[]).includes(role);

/** Roles that read and change nothing (the auditor): the core admits them to reading methods only. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor'];

export const ADMIN_MODES = ['single', 'separated'] as const;
export type AdminMode = (typeof ADMIN_MODES)[number];

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
  /** Add users, reset passwords, disable users (the system administrator's). */
  'users.manage',
  /** Give users their roles, switch the station between one and three administrators, lift sign-in locks (the security administrator's). */
  'roles.assign',
  /** Read and export the audit log's content (the security auditor's); nobody else reads who did what. */
  'audit.read',
  /** See the supervision figures of the whole station (without it, only one's own). */
  'stats.view',
  /** Check the whole store (every object re-hashed): long, station-wide work, not a counter task. */
  'store.maintain',
  /** Import whole folders (walked, within limits): the back office's bulk intake; the counter imports files. */
  'import.folders',
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
  archivist: ['pii.reveal', 'catalogue.import', 'station.configure', 'store.maintain', 'import.folders', 'stats.view'],
  qc: ['pii.reveal', 'qc.decide'],
  // The station head (站长) supervises from the figures; lists behind them stay masked.
  head: ['stats.view'],
  admin: PERMISSIONS,
  // Users and the station's settings; neither the audit log's content nor personal data.
  sysadmin: ['users.manage', 'station.configure', 'scheme.edit', 'store.maintain'],
  // Permissions, keys (the sync target's credentials) and locks; creates no user.
  secadmin: ['roles.assign', 'sync.configure'],
  // Reads and exports the log and the figures; changes nothing.
  auditor: ['audit.read', 'stats.view'],
};

export const ROLE_NAMES: Readonly<Record<Role, { readonly zh: string; readonly en: string }>> = {
  clerk: { zh: '窗口柜员', en: 'counter clerk' },
  archivist: { zh: '档案员', en: 'archivist' },
  qc: { zh: '质检员', en: 'QC inspector' },
  head: { zh: '站长', en: 'station head' },
  admin: { zh: '管理员', en: 'administrator' },
  sysadmin: { zh: '系统管理员', en: 'system administrator' },
  secadmin: { zh: '安全管理员', en: 'security administrator' },
  auditor: { zh: '安全审计员', en: 'security auditor' },
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}
