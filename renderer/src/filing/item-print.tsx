import { useState } from 'react';
import type { ItemPaper } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import { reportError } from '../state/action-context';
import { useClient, useDeskStore } from '../state/desk-context';

/**
 * Print an item's papers: the 受理回执 for the customer and the cover with its 卷内目录. The
 * core lays them out as PDF; the link opens it in the PDF viewer, whose print button brings the
 * system's (or the browser's) print dialog.
 */
export function ItemPrint({ itemId }: { readonly itemId: string }) {
  const t = useT();
  const client = useClient();
  const store = useDeskStore();
  const [printed, setPrinted] = useState<{ paper: ItemPaper; sha256: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const print = async (paper: ItemPaper) => {
    setBusy(true);
    try {
      const { pdfSha256 } = await client.call('items.print', { id: itemId, paper });
      setPrinted({ paper, sha256: pdfSha256 });
    } catch (err) {
      reportError({ store }, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="filing-print">
      <button type="button" className="button-quiet" disabled={busy} onClick={() => void print('receipt')} data-testid="print-receipt">
        {t('afterFiling.printReceipt')}
      </button>
      <button type="button" className="button-quiet" disabled={busy} onClick={() => void print('cover')} data-testid="print-cover">
        {t('afterFiling.printCover')}
      </button>
      {printed && (
        <a href={client.blobUrl(printed.sha256)} target="_blank" rel="noopener noreferrer" data-testid="item-print-pdf" data-paper={printed.paper}>
          {t(printed.paper === 'receipt' ? 'afterFiling.openReceipt' : 'afterFiling.openCover')}
        </a>
      )}
    </div>
  );
}
