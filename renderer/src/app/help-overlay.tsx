import { Dialog } from '../ui/dialog';
import { useT } from '../i18n/use-t';
import type { PlainKey } from '../i18n/translate';
import type { MethodName } from '../../../shared/contract';
import { mayCall } from '../session/may-call';
import { useActions, useDesk } from '../state/desk-context';

interface ShortcutRow {
  /** Key names are the same in every language, so they are not in the dictionaries. */
  readonly keys: readonly string[];
  readonly action: PlainKey;
  /** A key whose screen only those who may call this method get (others are not told of it). */
  readonly needs?: MethodName;
}

// Mirrors shortcuts.ts; keep both in step when adding a key.
const SECTIONS: readonly { readonly title: PlainKey; readonly rows: readonly ShortcutRow[] }[] = [
  {
    title: 'help.section.general',
    rows: [
      { keys: ['N'], action: 'help.newBatch' },
      { keys: ['O', 'Ctrl+O'], action: 'help.import' },
      { keys: ['L'], action: 'help.language' },
      { keys: ['S'], action: 'help.scan' },
      { keys: ['X'], action: 'help.cancelScan' },
      { keys: ['1…9'], action: 'help.chooseProfile' },
      { keys: ['P'], action: 'help.scanProfiles' },
      { keys: ['C'], action: 'help.camera' },
      { keys: ['/', 'Ctrl+F'], action: 'help.search' },
      { keys: ['F8'], action: 'help.stats' },
      { keys: ['Y'], action: 'help.syncPanel' },
      { keys: ['W'], action: 'help.closeBatch' },
      { keys: ['U'], action: 'help.switchUser' },
      { keys: ['H'], action: 'home.help' },
      { keys: ['?', 'F1'], action: 'help.help' },
      { keys: ['Esc'], action: 'help.closeAny' },
    ],
  },
  {
    title: 'help.section.grid',
    rows: [
      { keys: ['←', '→'], action: 'help.moveSide' },
      { keys: ['↑', '↓'], action: 'help.moveRow' },
      { keys: ['Home', 'End'], action: 'help.moveEnds' },
      { keys: ['Enter'], action: 'help.open' },
    ],
  },
  {
    title: 'filing.title',
    rows: [
      { keys: ['B'], action: 'filing.help.business' },
      { keys: ['A', '1…9', 'Enter'], action: 'filing.help.assign' },
      { keys: ['F'], action: 'filing.help.file' },
      { keys: ['R'], action: 'afterFiling.help.pending' },
    ],
  },
  {
    title: 'backfile.help.section',
    rows: [
      { keys: ['Shift+S'], action: 'backfile.help.separators' },
      { keys: ['Shift+C'], action: 'backfile.help.catalogue' },
      { keys: ['V'], action: 'backfile.help.doubleEntry' },
      { keys: ['Q'], action: 'backfile.help.qc' },
    ],
  },
  {
    title: 'backfile.help.inScreens',
    rows: [
      { keys: ['P', 'Space'], action: 'backfile.help.qcPass' },
      { keys: ['1…9'], action: 'backfile.help.qcReject' },
      { keys: ['←', '→'], action: 'backfile.help.qcStep' },
      { keys: ['D'], action: 'backfile.help.qcDecide' },
      { keys: ['R'], action: 'backfile.help.qcRescans' },
      { keys: ['I'], action: 'backfile.help.rescanImport' },
      { keys: ['Alt+1', 'Alt+2'], action: 'backfile.help.pickSide' },
      { keys: ['PageUp', 'PageDown'], action: 'backfile.help.entryPages' },
      { keys: ['K', 'D'], action: 'backfile.help.split' },
    ],
  },
  {
    title: 'pageEdit.bar',
    rows: [
      { keys: ['E'], action: 'pageEdit.help.split' },
      { keys: ['G'], action: 'pageEdit.help.merge' },
      { keys: ['Alt+←', 'Alt+→'], action: 'pageEdit.help.reorder' },
      { keys: ['Alt+↑', 'Alt+↓'], action: 'pageEdit.help.documents' },
      { keys: ['[', ']'], action: 'pageEdit.help.rotate' },
      { keys: ['M'], action: 'pageEdit.help.move' },
      { keys: ['D'], action: 'pageEdit.help.trash' },
      { keys: ['T'], action: 'pageEdit.help.openTrash' },
      { keys: ['F9'], action: 'pageEdit.help.schemeAdmin', needs: 'scheme.save' },
    ],
  },
  {
    // Keys inside the item form (B, then the business): the page beside the fields.
    title: 'ocr.help.section',
    rows: [
      { keys: ['F2'], action: 'ocr.help.proposals' },
      { keys: ['F4', 'Esc'], action: 'ocr.help.words' },
      { keys: ['←', '→', '↑', '↓', 'Shift'], action: 'ocr.help.pick' },
      { keys: ['Enter'], action: 'ocr.help.fill' },
      { keys: ['PageUp', 'PageDown'], action: 'ocr.help.turn' },
    ],
  },
  {
    title: 'help.section.viewer',
    rows: [
      { keys: ['PageDown', 'J', '→'], action: 'help.next' },
      { keys: ['PageUp', 'K', '←'], action: 'help.prev' },
      { keys: ['+', '-'], action: 'help.zoom' },
      { keys: ['0'], action: 'help.fit' },
      { keys: ['R'], action: 'help.rotate' },
    ],
  },
];

export function HelpOverlay() {
  const t = useT();
  const actions = useActions();
  const session = useDesk((s) => s.session);

  return (
    <Dialog title={t('help.title')} testId="help-overlay" className="help" onClose={actions.close} closeLabel={t('help.close')}>
      <div className="help-sections">
        {SECTIONS.map((section) => (
          <table key={section.title} className="help-table">
            <caption>{t(section.title)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('help.keys')}</th>
                <th scope="col">{t('help.action')}</th>
              </tr>
            </thead>
            <tbody>
              {section.rows.filter((row) => !row.needs || mayCall(session, row.needs)).map((row) => (
                <tr key={row.keys.join()}>
                  <td>
                    {row.keys.map((key) => (
                      <kbd key={key}>{key}</kbd>
                    ))}
                  </td>
                  <td>{t(row.action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
      <p className="muted">{t('help.typingNote')}</p>
    </Dialog>
  );
}
