import type { MetadataField } from '../../../shared/filing/scheme';
import type { SchemeEdit } from '../../../shared/filing/scheme-edit';
import { useT } from '../i18n/use-t';
import { useNamePair } from './name-cells';
import type { SchemeDraftState } from './use-scheme-draft';

type Edit = (edit: SchemeEdit) => boolean;

/**
 * The metadata elements with their English names, which the administrator edits; the Chinese name
 * is the element's key on every filed item and catalogue, so it is shown, not edited.
 */
export function FieldsTable({ state, edit }: { readonly state: SchemeDraftState; readonly edit: Edit }) {
  const t = useT();
  return (
    <>
      <p className="muted">{t('schemeAdmin.fields.note')}</p>
      <table className="scheme-table" data-testid="scheme-fields">
        <thead>
          <tr>
            <th scope="col">{t('schemeAdmin.column.key')}</th>
            <th scope="col">{t('schemeAdmin.column.nameEn')}</th>
          </tr>
        </thead>
        <tbody>
          {state.draft?.fields.map((f) => <FieldRow key={`${f.key}\u0000${f.nameEn}`} field={f} edit={edit} />)}
        </tbody>
      </table>
    </>
  );
}

function FieldRow({ field, edit }: { readonly field: MetadataField; readonly edit: Edit }) {
  const t = useT();
  const pair = useNamePair(field.key, field.nameEn, (_key, nameEn) => edit({ kind: 'field-name-en', key: field.key, nameEn }));
  return (
    <tr data-field={field.key}>
      <th scope="row">{field.key}</th>
      <td>
        <input
          data-testid={`field-name-en-${field.key}`}
          aria-label={`${field.key} ${t('schemeAdmin.column.nameEn')}`}
          value={pair.en}
          maxLength={200}
          lang="en"
          onChange={(e) => pair.setEn(e.target.value)}
          onBlur={pair.onBlur}
        />
      </td>
    </tr>
  );
}
