import type { usersZhCN } from './users-zh-CN';

/** Users, sign-in and permissions in English; the same keys as the Chinese reference. */
export const usersEn: { readonly [K in keyof typeof usersZhCN]: string } = {
  'session.signInTitle': 'Sign in to the desk',
  'session.switchTitle': 'Switch user',
  'session.name': 'User name',
  'session.password': 'Password or PIN',
  'session.signIn': 'Sign in',
  'session.signOut': 'Sign out',
  'session.cancel': 'Cancel',
  'session.createAdmin': 'Create administrator and sign in',
  'session.firstAdmin': 'This is a new station: whoever signs in first becomes its administrator.',
  'session.current': 'Signed in: {name} ({role})',
  'session.button': '{name} · {role}',
  'session.buttonLabel': 'Switch user or sign out (U)',
  'session.role.clerk': 'counter clerk',
  'session.role.archivist': 'archivist',
  'session.role.qc': 'QC inspector',
  'session.role.head': 'station head',
  'session.role.admin': 'administrator',
  'help.switchUser': 'Sign in / switch user',
  'pii.reveal': 'Show in full',
  'pii.revealLabel': 'Show personal data in full (who and when is recorded)',
  'pii.revealed': 'Shown in full; this view was recorded',
  'apiError.unauthenticated': 'Please sign in first',
  'apiError.forbidden': 'Your user is not allowed to do this',
};
