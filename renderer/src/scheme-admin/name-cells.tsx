import { useState } from 'react';
import type { SchemeEdit } from '../../../shared/filing/scheme-edit';
import { useT } from '../i18n/use-t';

interface NameCellsProps {
  readonly entry: 'class' | 'business' | 'material';
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly edit: (edit: SchemeEdit) => boolean;
}

/**
 * An entry's Chinese and English names as two table cells the administrator edits in place. A
 * change becomes a pending edit when the field is left; a refused one (an empty name) goes back.
 */
export function NameCells({ entry, code, name, nameEn, edit }: NameCellsProps) {
  const t = useT();
  const [zh, setZh] = useState(name);
  const [en, setEn] = useState(nameEn);
  const commit = () => {
    if (zh === name && en === nameEn) return;
    if (!edit({ kind: 'rename', entry, code, name: zh, nameEn: en })) {
      setZh(name);
      setEn(nameEn);
    }
  };
  return (
    <>
      <td>
        <input data-testid={`name-${code}`} aria-label={`${code} ${t('schemeAdmin.column.name')}`} value={zh} maxLength={200} onChange={(e) => setZh(e.target.value)} onBlur={commit} />
      </td>
      <td>
        <input data-testid={`name-en-${code}`} aria-label={`${code} ${t('schemeAdmin.column.nameEn')}`} value={en} maxLength={200} lang="en" onChange={(e) => setEn(e.target.value)} onBlur={commit} />
      </td>
    </>
  );
}
