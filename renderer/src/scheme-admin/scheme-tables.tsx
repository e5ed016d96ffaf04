import { stationTime } from '../../../shared/logic/station-time';
import { RetentionCode } from '../../../shared/filing/scheme';
import type { SchemeEdit } from '../../../shared/filing/scheme-edit';
import { useT } from '../i18n/use-t';
import { NameCells } from './name-cells';
import { retentionText } from './scheme-text';
import type { SchemeDraftState } from './use-scheme-draft';

/** Business classes (门类) with their retention, which an administrator may change. */
export function ClassesTable({ state, edit }: { readonly state: SchemeDraftState; readonly edit: (edit: SchemeEdit) => boolean }) {
  const t = useT();
  return (
    <table className="scheme-table" data-testid="scheme-classes">
      <thead>
        <tr>
          <th scope="col">{t('schemeAdmin.column.code')}</th>
          <th scope="col">{t('schemeAdmin.column.name')}</th>
          <th scope="col">{t('schemeAdmin.column.nameEn')}</th>
          <th scope="col">{t('schemeAdmin.retention')}</th>
          <th scope="col">{t('schemeAdmin.column.retentionFrom')}</th>
        </tr>
      </thead>
      <tbody>
        {state.draft?.classes.map((c) => (
          <tr key={c.code} data-class={c.code}>
            <td>
              <code>{c.code}</code>
            </td>
            <NameCells key={`${c.name}\u0000${c.nameEn}`} entry="class" code={c.code} name={c.name} nameEn={c.nameEn} edit={edit} />
            <td>
              <select aria-label={`${c.name} ${t('schemeAdmin.retention')}`} value={c.retention} onChange={(e) => edit({ kind: 'class-retention', class: c.code, retention: RetentionCode.parse(e.target.value) })}>
                {RetentionCode.options.map((code) => (
                  <option key={code} value={code}>
                    {retentionText(t, code)}
                  </option>
                ))}
              </select>
            </td>
            <td>{t(`schemeAdmin.retentionFrom.${c.retentionFrom}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The material types the checklists can name, with their names in both languages. */
export function MaterialsTable({ state, edit }: { readonly state: SchemeDraftState; readonly edit: (edit: SchemeEdit) => boolean }) {
  const t = useT();
  return (
    <table className="scheme-table" data-testid="scheme-materials">
      <thead>
        <tr>
          <th scope="col">{t('schemeAdmin.column.code')}</th>
          <th scope="col">{t('schemeAdmin.column.name')}</th>
          <th scope="col">{t('schemeAdmin.column.nameEn')}</th>
        </tr>
      </thead>
      <tbody>
        {state.draft?.materialTypes.map((m) => (
          <tr key={m.code}>
            <td>
              <code>{m.code}</code>
            </td>
            <NameCells key={`${m.name}\u0000${m.nameEn}`} entry="material" code={m.code} name={m.name} nameEn={m.nameEn} edit={edit} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every stored scheme version with who saved it, when and why, newest first. */
export function VersionsList({ state }: { readonly state: SchemeDraftState }) {
  const t = useT();
  return (
    <ol className="scheme-history" data-testid="scheme-versions">
      {[...state.versions].reverse().map((v) => (
        <li key={v.version} data-testid="scheme-version-line" data-version={v.version}>
          {t('schemeAdmin.versions.line', { version: v.version, actor: v.actor, at: stationTime(v.createdAt), reason: v.reason })}
        </li>
      ))}
    </ol>
  );
}
