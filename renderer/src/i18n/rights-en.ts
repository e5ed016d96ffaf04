import type { rightsZhCN } from './rights-zh-CN';

/** What each permission lets one do, for a refusal said in words instead of its code (English). */
export const rightsEn: { readonly [K in keyof typeof rightsZhCN]: string } = {
  'apiError.needsPermission': 'This needs the right to {what}; ask the station head or an administrator',
  'apiError.readOnlyRole': 'Your user may read but not change anything',
  'permission.pii.reveal': 'see personal data in full',
  'permission.scheme.edit': 'change the classification scheme and checklists',
  'permission.qc.decide': 'decide quality checks',
  'permission.sync.configure': 'set up sync',
  'permission.catalogue.import': 'import and link catalogues',
  'permission.station.configure': 'change the station settings (scan profiles, OCR engine)',
  'permission.users.manage': 'manage users',
  'permission.roles.assign': 'assign roles and lift sign-in locks',
  'permission.audit.read': 'read the audit log',
  'permission.stats.view': 'see the whole station’s figures',
  'permission.store.maintain': 'check the whole store',
  'permission.import.folders': 'import whole folders (choose files instead)',
};
