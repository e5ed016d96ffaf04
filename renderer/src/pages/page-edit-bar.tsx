import type { PlainKey } from '../i18n/translate';
import { useT } from '../i18n/use-t';
import type { PageEdit } from '../app/shortcuts';
import { useActions, useDesk } from '../state/desk-context';
import { filedPageReason } from './filed-page';

const BUTTONS: readonly { readonly edit: PageEdit; readonly label: PlainKey; readonly needsPage: boolean }[] = [
  { edit: 'split', label: 'pageEdit.split', needsPage: true },
  { edit: 'merge-previous', label: 'pageEdit.merge', needsPage: true },
  { edit: 'page-earlier', label: 'pageEdit.earlier', needsPage: true },
  { edit: 'page-later', label: 'pageEdit.later', needsPage: true },
  { edit: 'rotate-anticlockwise', label: 'pageEdit.rotateLeft', needsPage: true },
  { edit: 'rotate-clockwise', label: 'pageEdit.rotateRight', needsPage: true },
  { edit: 'move-page', label: 'pageEdit.move', needsPage: true },
  { edit: 'trash-page', label: 'pageEdit.trash', needsPage: true },
  { edit: 'open-trash', label: 'pageEdit.openTrash', needsPage: false },
];

/**
 * The page-editing keys as buttons, for the mouse; each runs exactly what its key runs. On a
 * filed page they are off, and one line says why (the keys say the same when pressed).
 */
export function PageEditBar() {
  const t = useT();
  const actions = useActions();
  const selected = useDesk((s) => s.pages.find((p) => p.id === s.selectedPageId));
  const hasPage = useDesk((s) => s.selectedPageId !== null);
  const filed = filedPageReason(t, selected);
  return (
    <div className="page-edit-bar" role="toolbar" aria-label={t('pageEdit.bar')} data-testid="page-edit-bar">
      {BUTTONS.map((b) => (
        <button
          key={b.edit}
          type="button"
          className="button-quiet"
          disabled={b.needsPage && (!hasPage || filed !== null)}
          title={b.needsPage && filed !== null ? filed : undefined}
          onClick={() => actions.pageEdit(b.edit)}
          data-edit={b.edit}
        >
          {t(b.label)}
        </button>
      ))}
      {filed !== null && (
        <span className="page-edit-locked muted" role="status" data-testid="page-edit-locked" title={filed}>
          {filed}
        </span>
      )}
    </div>
  );
}
