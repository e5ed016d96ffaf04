import { currentBatch, type Dialog } from '../state/desk-store';
import { useDesk } from '../state/desk-context';
import { CatalogueDialog } from './catalogue-dialog';
import { DoubleEntryDialog } from './double-entry-dialog';
import { QcDialog } from './qc-dialog';
import { SeparatorsDialog } from './separators-dialog';

/** The back office's screens, each on the open batch (its key does nothing without one). */
export function BackfileScreens({ dialog }: { readonly dialog: Dialog }) {
  const batch = useDesk(currentBatch);
  if (!batch) return null;
  switch (dialog) {
    case 'separators':
      return <SeparatorsDialog batch={batch} />;
    case 'catalogue':
      return <CatalogueDialog batch={batch} />;
    case 'double-entry':
      return <DoubleEntryDialog batch={batch} />;
    case 'qc':
      return <QcDialog batch={batch} />;
    default:
      return null;
  }
}
