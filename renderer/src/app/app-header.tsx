import { useT } from '../i18n/use-t';
import { useActions, useDesk } from '../state/desk-context';
import { roleKey } from '../session/sign-in-dialog';
import { useMay } from '../session/use-may';

export function AppHeader() {
  const t = useT();
  const actions = useActions();
  const station = useDesk((s) => s.station);
  const connected = useDesk((s) => s.connected);
  const language = useDesk((s) => s.language);
  const user = useDesk((s) => s.session?.user ?? null);
  // The scheme screen is the administrator's: others are not offered it (F9 says whose it is).
  const maySaveScheme = useMay('scheme.save');

  return (
    <header className="app-header">
      <div className="brand">
        <h1 className="brand-title">{t('app.title')}</h1>
        {/* The subtitle is the name in the other language. */}
        <span className="brand-subtitle" lang={language === 'zh-CN' ? 'en' : 'zh-CN'}>
          {t('app.subtitle')}
        </span>
      </div>
      <div className="station" data-testid="station-info" title={station ? t('station.dataDir', { dir: station.dataDir }) : undefined}>
        {station ? (
          <>
            <span className="station-name">
              {t('station.summary', { name: station.station.name, fonds: station.station.fonds })}
            </span>
            <span className="station-version">{t('station.version', { version: station.appVersion })}</span>
          </>
        ) : (
          <span className="muted">{t('station.loading')}</span>
        )}
      </div>
      {!connected && (
        <span className="connection-lost" role="status" data-testid="connection-lost">
          {t('connection.lost')}
        </span>
      )}
      <div className="header-actions">
        {user && (
          <button type="button" className="button-quiet" data-testid="session-user" onClick={() => actions.openDialog('sign-in')} title={t('session.buttonLabel')} aria-label={t('session.buttonLabel')}>
            {t('session.button', { name: user.name, role: t(roleKey(user.role)) })}
          </button>
        )}
        {user && (
          <>
            <button type="button" className="button-quiet" data-testid="ocr-queue-open" onClick={() => actions.openDialog('ocr-queue')} title={t('ocr.queue.buttonLabel')} aria-label={t('ocr.queue.buttonLabel')}>
              {t('ocr.queue.button')}
            </button>
            <button type="button" className="button-quiet" data-testid="sync-open" onClick={() => actions.openDialog('sync')} title={t('sync.buttonLabel')} aria-label={t('sync.buttonLabel')}>
              {t('sync.button')}
            </button>
            {maySaveScheme && (
              <button type="button" className="button-quiet" data-testid="scheme-admin-open" onClick={() => actions.openDialog('scheme-admin')}>
                {t('pageEdit.schemeAdmin')}
              </button>
            )}
          </>
        )}
        <button type="button" className="button-quiet" onClick={actions.toggleHelp} title={t('help.buttonLabel')} aria-label={t('help.buttonLabel')}>
          {t('help.button')}
        </button>
        <button
          type="button"
          className="button-quiet"
          data-testid="language-switch"
          onClick={actions.toggleLanguage}
          title={t('lang.switchLabel')}
          aria-label={t('lang.switchLabel')}
        >
          {t('lang.switch')}
        </button>
      </div>
    </header>
  );
}
