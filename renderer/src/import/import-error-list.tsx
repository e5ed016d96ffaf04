import { useMemo } from 'react';
import { fileErrorText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useDesk } from '../state/desk-context';
import { allErrors } from '../state/file-errors';
import { baseName } from '../ui/file-name';

/** One line per file that was not imported: name, reason in plain words, server detail. */
export function ImportErrorList() {
  const t = useT();
  const log = useDesk((s) => s.fileErrors);
  const items = useMemo(() => allErrors(log), [log]);
  if (items.length === 0) return null;

  return (
    <section className="import-errors" aria-labelledby="import-errors-title">
      <h3 id="import-errors-title">{t('errors.title', { count: items.length })}</h3>
      <ul data-testid="import-errors">
        {items.map((item) => {
          const name = baseName(item.file);
          const showDetail = item.message !== '' && item.message !== item.file && item.message !== name;
          return (
            <li key={item.key} data-code={item.code}>
              <span className="error-file" title={item.file}>
                {name}
              </span>
              <span className="error-reason">{fileErrorText(t, item.code)}</span>
              {showDetail && <span className="error-detail">{t('errors.detail', { message: item.message })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
