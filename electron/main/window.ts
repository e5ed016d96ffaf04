import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, isAppUrl, isExternalLink } from './app-origin';

/*
 * Every security setting of the shell lives in this file, set once: web preferences, navigation
 * and window-opening guards, permissions and the CSP header. The page is treated as untrusted
 * (it renders file names and metadata from scanned documents).
 */

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly isDev: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: '公积金档案工作站 HPF Archive Desk',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: options.isDev,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/**
 * Guards for every web contents the app ever creates (windows, and anything a bug might open):
 * no new windows, no navigation away from the app, no <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation and the like go to the system browser; nothing opens in the app.
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Permissions and the CSP header for the session the windows use. */
export function hardenSession(session: Session): void {
  // Only camera access, for capturing documents with a document camera; no microphone, no
  // notifications, no geolocation, no clipboard reads, and only from the app's own pages.
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const videoOnly = mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
    callback(permission === 'media' && videoOnly && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && isAppUrl(requestingOrigin));
  session.setDevicePermissionHandler(() => false);

  // The protocol handler sends the policy too; this covers every other response (and would
  // cover a dev server), replacing any policy a response brings.
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
}
