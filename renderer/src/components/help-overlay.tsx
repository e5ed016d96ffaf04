import { Dialog } from './dialog';
import { useT } from '../i18n/use-t';
import type { PlainKey } from '../i18n/translate';
import { useActions } from '../state/desk-context';

interface ShortcutRow {
  /** Key names are the same in every language, so they are not in the dictionaries. */
  readonly keys: readonly string[];
  readonly action: PlainKey;
}

// Mirrors logic/shortcuts.ts; keep both in step when adding a key.
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
      { keys: ['U'], action: 'help.switchUser' },
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
              {section.rows.map((row) => (
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
