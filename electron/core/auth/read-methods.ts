import type { MethodName } from '../../../shared/contract';

/**
 * Methods that only read the store. A read-only role (the security auditor, who "can change
 * nothing") is admitted to these and to the public ones alone; a method not named here is
 * refused to it by default, so a new method that writes cannot slip through by being forgotten.
 */
export const READ_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'batches.list', 'batches.get', 'pages.list', 'pages.get', 'rejections.list', 'store.verify',
  'sync.status', 'sync.report', 'sync.settings', 'scan.sessions', 'profiles.list',
  'ocr.status', 'ocr.pages', 'ocr.page', 'scheme.get', 'scheme.versions', 'business.types',
  'items.list', 'items.get', 'items.check', 'documents.list', 'trash.list', 'classify.pages',
  'dossiers.get', 'dossiers.find', 'search', 'keying.compare', 'qc.get', 'qc.list', 'rescans.list',
  'stats.report', 'stats.list', 'stats.xlsx',
]);
