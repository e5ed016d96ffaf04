import { useState } from 'react';
import type { SchemeEdit } from '../../../shared/filing/scheme-edit';
import { useT } from '../i18n/use-t';

/**
 * A Chinese and an English name the administrator edits in place. A change becomes a pending edit
 * when the field is left (`commit`); a refused one (an empty name) goes back to what it was.
 */
export function useNamePair(name: string, nameEn: string, commit: (name: string, nameEn: string) => boolean) {
  const [zh, setZh] = useState(name);
  const [en, setEn] = useState(nameEn);
  const onBlur = () => {
    if (zh === name && en === nameEn) return;
    if (!commit(zh, en)) {
      setZh(name);
      setEn(nameEn);
    }
  };
  return { zh, en, setZh, setEn, onBlur };
}

interface NameCellsProps {
  readonly entry: 'class' | 'business' | 'material';
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly edit: (edit: SchemeEdit) => boolean;
}

/** An entry's Chinese and English names as two table cells. */
export function NameCells({ entry, code, name, nameEn, edit }: NameCellsProps) {
  const t = useT();
  const pair = useNamePair(name, nameEn, (zh, en) => edit({ kind: 'rename', entry, code, name: zh, nameEn: en }));
  return (
    <>
      <td>
        <input data-testid={`name-${code}`} aria-label={`${code} ${t('schemeAdmin.column.name')}`} value={pair.zh} maxLength={200} onChange={(e) => pair.setZh(e.target.value)} onBlur={pair.onBlur} />
      </td>
      <td>
        <input data-testid={`name-en-${code}`} aria-label={`${code} ${t('schemeAdmin.column.nameEn')}`} value={pair.en} maxLength={200} lang="en" onChange={(e) => pair.setEn(e.target.value)} onBlur={pair.onBlur} />
      </td>
    </>
  );
}
