import type { Permission } from '../../../shared/auth/permissions';
import type { MethodName, ParsedRequestOf } from '../../../shared/contract';

/**
 * Who may call one method of the contract.
 * - `public`: anyone, before signing in (who the station is, and the session itself);
 * - `signedIn`: any signed-in user;
 * - `permission`: a user holding the permission;
 * - `permissionWhen`: the requests `when` picks out need the permission, the rest any signed-in user;
 * - `scoped`: any signed-in user, but what the call may reach depends on the disk, not on the
 *   request, so the handler narrows it to holders of the permission (import.paths: folders).
 */
export type MethodAccess<K extends MethodName = MethodName> =
  | { readonly kind: 'public' }
  | { readonly kind: 'signedIn' }
  | { readonly kind: 'permission'; readonly permission: Permission }
  | { readonly kind: 'permissionWhen'; readonly permission: Permission; readonly when: (request: ParsedRequestOf<K>) => boolean }
  | { readonly kind: 'scoped'; readonly permission: Permission };

const PUBLIC = { kind: 'public' } as const;
const SIGNED_IN = { kind: 'signedIn' } as const;
const needs = (permission: Permission) => ({ kind: 'permission', permission }) as const;

/**
 * Every method of the contract, classified. The type makes a missing method a compile error and
 * the dispatcher refuses a method without an entry, so nothing falls through to "any signed-in
 * user" by being forgotten; `signedIn` is a decision written down here like any other.
 */
export const METHOD_ACCESS: { readonly [K in MethodName]: MethodAccess<K> } = {
  'station.info': PUBLIC,
  'session.get': PUBLIC,
  'session.signIn': PUBLIC,
  'session.signOut': PUBLIC,

  'batches.list': SIGNED_IN,
  'batches.create': SIGNED_IN,
  'batches.get': SIGNED_IN,
  'batches.close': SIGNED_IN,
  'batches.split': SIGNED_IN,
  'pages.list': SIGNED_IN,
  'pages.get': SIGNED_IN,
  // Files for any user; a folder is walked only for import.folders (import-paths checks it as it stats).
  'import.paths': { kind: 'scoped', permission: 'import.folders' },
  'rejections.list': SIGNED_IN,
  // Re-hashes every object of the store: long, station-wide work.
  'store.verify': needs('store.maintain'),

  'sync.status': SIGNED_IN,
  'sync.report': SIGNED_IN,
  'sync.run': SIGNED_IN,
  'sync.retry': SIGNED_IN,
  // Stopping the transfer of closed batches holds the only copy on this station: the sync administrator's call.
  'sync.pause': needs('sync.configure'),
  'sync.resume': needs('sync.configure'),
  'sync.settings': SIGNED_IN,
  // The sync target, its keys, the bandwidth cap and how long acknowledged batches stay.
  'sync.configure': needs('sync.configure'),

  'scan.devices': SIGNED_IN,
  // An address asked for capabilities is fetched by the core: only who sets up scanners may name one.
  'scan.capabilities': needs('station.configure'),
  // A saved profile or a session to continue for anyone; settings given inline (a device address
  // the core would reach) only for who may save them as a profile.
  'scan.start': { kind: 'permissionWhen', permission: 'station.configure', when: (request) => request.settings !== undefined },
  'scan.cancel': SIGNED_IN,
  'scan.sessions': SIGNED_IN,
  'profiles.list': SIGNED_IN,
  'profiles.save': needs('station.configure'),
  'profiles.delete': needs('station.configure'),
  'capture.frame': SIGNED_IN,

  'ocr.status': SIGNED_IN,
  'ocr.pages': SIGNED_IN,
  // Masked for who may not reveal; the full text is audited (handlers-ocr).
  'ocr.page': SIGNED_IN,
  'ocr.enqueue': SIGNED_IN,
  'ocr.cancel': SIGNED_IN,
  'ocr.setEngine': needs('station.configure'),

  'scheme.get': SIGNED_IN,
  'scheme.versions': SIGNED_IN,
  'scheme.save': needs('scheme.edit'),
  'business.types': SIGNED_IN,
  'items.create': SIGNED_IN,
  'items.list': SIGNED_IN,
  // Masked unless `reveal`, and a reveal is audited.
  'items.get': { kind: 'permissionWhen', permission: 'pii.reveal', when: (request) => request.reveal },
  'items.correct': SIGNED_IN,
  'items.check': SIGNED_IN,
  'items.assign': SIGNED_IN,
  'items.file': SIGNED_IN,
  'documents.list': SIGNED_IN,
  'documents.material': SIGNED_IN,
  'documents.split': SIGNED_IN,
  'documents.merge': SIGNED_IN,
  'pages.reorder': SIGNED_IN,
  'pages.move': SIGNED_IN,
  'pages.rotate': SIGNED_IN,
  'pages.trash': SIGNED_IN,
  'pages.restore': SIGNED_IN,
  'pages.unassign': SIGNED_IN,
  'trash.list': SIGNED_IN,
  'classify.pages': SIGNED_IN,
  'dossiers.get': SIGNED_IN,
  // A lookup by a full personal key (an ID number) tells whether that person has files here:
  // an oracle over personal data, for who may see it. The counter finds dossiers through search.
  'dossiers.find': needs('pii.reveal'),
  'sheets.print': SIGNED_IN,
  search: SIGNED_IN,

  // A preview lists the catalogue's rows with their values, unmasked.
  'catalogue.preview': needs('catalogue.import'),
  'catalogue.import': needs('catalogue.import'),
  'catalogue.link': needs('catalogue.import'),
  // The keyer is the signed-in user (handlers-backfile), so any user may key.
  'keying.submit': SIGNED_IN,
  // Both keyings of an item side by side, in full: what a reveal shows.
  'keying.compare': needs('pii.reveal'),
  'keying.resolve': needs('pii.reveal'),
  'qc.sample': needs('qc.decide'),
  'qc.get': SIGNED_IN,
  'qc.list': SIGNED_IN,
  'qc.judge': needs('qc.decide'),
  'qc.decide': needs('qc.decide'),
  'rescans.list': SIGNED_IN,
  // Swaps a page the inspector failed for its rescan in the sample being judged.
  'rescans.replace': needs('qc.decide'),

  // Everyone sees their own figures; the handler widens the scope to the station for stats.view.
  'stats.report': { kind: 'scoped', permission: 'stats.view' },
  'stats.list': { kind: 'scoped', permission: 'stats.view' },
  'stats.xlsx': { kind: 'scoped', permission: 'stats.view' },
};
