import { useMemo } from 'react';
import { coreWordsText, fileErrorText } from '../i18n/error-text';
import { useLanguage, useT } from '../i18n/use-t';
import { useDesk } from '../state/desk-context';
import { allErrors } from '../state/file-errors';
import { baseName } from '../ui/file-name';

/** One line per file that was not imported: name, reason in plain words, server detail. */
export function ImportErrorList() {
  const t = useT();
  const language = useLanguage();
  const log = useDesk((s) => s.fileErrors);
  const items = useMemo(() => allErrors(log), [log]);
  if (items.length === 0) return null;

  return (
    <section className="import-errors" aria-labelledby="import-errors-title">
      <h3 id="import-errors-title">{t('errors.title', { count: items.length })}</h3>
      <ul data-testid="import-errors">
        {items.map((item) => {
          const name = baseName(item.file);
          // The core says more in both languages (for the command line): the clerk reads their own.
          const detail = coreWordsText(item.message, language);
          const showDetail = detail !== '' && detail !== item.file && detail !== name;
          return (
            <li key={item.key} data-code={item.code}>
              <span className="error-file" title={item.file}>
                {name}
              </span>
              <span className="error-reason">{fileErrorText(t, item.code)}</span>
              {showDetail && <span className="error-detail">{t('errors.detail', { message: detail })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
