import { callErrorText } from '../i18n/error-text';
import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';

/** The last failed call, in plain words, with the server's message as detail. */
export function NoticeBar() {
  const t = useT();
  const actions = useActions();
  const notice = useDesk((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <span className="notice-text">{callErrorText(t, notice.code)}</span>
      {notice.message && <span className="notice-detail">{notice.message}</span>}
      <button type="button" className="button-quiet" onClick={actions.dismissNotice}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
