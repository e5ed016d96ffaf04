import { callDetailText, callErrorText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';

/** The last failed call, in plain words, with the core's own words (in the clerk's language) as detail. */
export function NoticeBar() {
  const t = useT();
  const actions = useActions();
  const notice = useDesk((s) => s.notice);
  const language = useDesk((s) => s.language);
  if (!notice) return null;
  const detail = callDetailText(t, notice, language);
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span className="notice-text">{callErrorText(t, notice.code)}</span>
      {detail && <span className="notice-detail">{detail}</span>}
      <button type="button" className="button-quiet" onClick={actions.dismissNotice}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
