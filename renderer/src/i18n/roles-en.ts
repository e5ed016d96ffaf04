import type { rolesZhCN } from './roles-zh-CN';

/** What a screen says to a user who may only look at it, in English; the same keys as the Chinese reference. */
export const rolesEn: { readonly [K in keyof typeof rolesZhCN]: string } = {
  'roles.syncReadOnly': 'The sync settings are kept by the station head or administrator; you can look, not change. Ask them for a change',
  'roles.syncNoTarget': 'Not set up yet — ask the station head or administrator',
  'roles.schemeReadOnly': 'The classification scheme is kept by the administrator; you can look, not change. Ask them for a change',
  'roles.catalogueReadOnly': 'Catalogue import and linking are done by an archivist or administrator; you can only look here',
  'roles.qcReadOnly': 'Sampling and judging are done by a QC inspector; you can only see the results here',
  'roles.profilesReadOnly': 'Scan profiles are kept by an archivist or administrator; you can scan with the saved ones',
} as const;
