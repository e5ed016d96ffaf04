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
