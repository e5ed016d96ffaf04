import { app, BrowserWindow, dialog, Menu, safeStorage, session, type WebContents } from 'electron';
import path from 'node:path';
import type { CoreEvent } from '../../shared/contract';
import { defaultDataDir } from '../core/util/default-data-dir';
import type { DeskCommand } from '../preload/ipc-channels';
import { startCoreHost, type CoreHost } from './core-host';
import { createCredentialVault } from './credential-vault';
import { keychainKek } from './store-kek';
import { registerCallChannel, sendCommand, sendCoreEvent, sessionOf } from './ipc';
import { buildAppMenu } from './menu';
import { registerPrivilegedSchemes, registerProtocolHandlers } from './protocol';
import { shellPaths } from './shell-paths';
import { createMainWindow, hardenSession, hardenWebContents } from './window';
import { WindowSessions } from './window-sessions';

/** Scanned formats the core accepts; the dialog also offers "all files" (the core sniffs anyway). */
const SCAN_EXTENSIONS = ['jpg', 'jpeg', 'png', 'tif', 'tiff', 'pdf'];

/**
 * The core's data directory, the same one the CLI uses by default (`<userData>/archive`, or
 * HPF_DESK_DATA). Another data directory is another workstation, so it also gets its own Chromium
 * profile and with it its own single-instance lock (parallel runs on separate stores do not collide).
 */
function resolveDataDir(): string {
  const dataDir = defaultDataDir();
  if (process.env.HPF_DESK_DATA) app.setPath('userData', path.join(dataDir, 'shell-profile'));
  return dataDir;
}

/** App lifecycle: one instance, one core process, one main window (re-created on macOS activate). */
function startDesk(): void {
  const dataDir = resolveDataDir();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  const isDev = !app.isPackaged;
  const paths = shellPaths(__dirname);
  const windows = new Set<BrowserWindow>();
  let host: CoreHost | null = null;
  const windowSessions = new WindowSessions();
  let shutdown: 'running' | 'closing' | 'done' = 'running';

  const isOwnContents = (contents: WebContents) => [...windows].some((w) => !w.isDestroyed() && w.webContents === contents);
  const broadcast = (event: CoreEvent) => {
    for (const window of windows) if (!window.isDestroyed()) sendCoreEvent(window.webContents, event);
  };
  const currentWindow = (): BrowserWindow | null =>
    BrowserWindow.getFocusedWindow() ?? windows.values().next().value ?? null;

  const openWindow = () => {
    const window = createMainWindow({ preloadPath: paths.preload, isDev });
    windows.add(window);
    const session = sessionOf(window.webContents);
    window.on('closed', () => {
      windows.delete(window);
      windowSessions.forget(session);
    });
    window.webContents.on('render-process-gone', (_event, details) => {
      console.error(`[main] renderer gone: ${details.reason} (exit code ${details.exitCode})`);
    });
  };

  const command = (make: (window: BrowserWindow) => Promise<DeskCommand | null> | DeskCommand | null) => async () => {
    const window = currentWindow();
    if (!window) return;
    const cmd = await make(window);
    if (cmd && !window.isDestroyed()) sendCommand(window.webContents, cmd);
  };

  const pickForImport = (directories: boolean) =>
    command(async (window) => {
      const picked = await dialog.showOpenDialog(window, {
        title: directories ? '导入文件夹 Import Folder' : '导入文件 Import Files',
        properties: directories ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        filters: directories
          ? []
          : [
              { name: '扫描件 Scans (JPEG, PNG, TIFF, PDF)', extensions: SCAN_EXTENSIONS },
              { name: '所有文件 All Files', extensions: ['*'] },
            ],
      });
      return picked.canceled || picked.filePaths.length === 0 ? null : { type: 'import.paths', paths: picked.filePaths };
    });

  const showAbout = () =>
    void dialog.showMessageBox({
      type: 'info',
      title: '关于 About',
      message: '公积金档案工作站 HPF Archive Desk',
      detail: [
        `版本 Version ${app.getVersion()}`,
        `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
        `数据目录 Data directory: ${dataDir}`,
      ].join('\n'),
    });

  const onFatal = (message: string) => {
    dialog.showErrorBox('核心无法运行 The archive core stopped', `${message}\n\n数据目录 Data directory: ${dataDir}`);
    app.quit();
  };

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('second-instance', () => {
    const window = currentWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Let the core finish its current write and close the database before the app goes away.
  app.on('before-quit', (event) => {
    if (shutdown === 'done' || !host) return;
    event.preventDefault();
    if (shutdown === 'closing') return;
    shutdown = 'closing';
    void host.close().finally(() => {
      shutdown = 'done';
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    registerProtocolHandlers(session.defaultSession, { rendererRoot: paths.rendererRoot, readBlob: async (sha256, start, length) => (host ? host.readBlob(sha256, start, length) : null), blobsAllowed: () => windowSessions.anyWorking() });
    // Sync keys stay with this user's OS keychain, beside the shell's profile rather than in the store.
    const credentials = createCredentialVault(safeStorage, path.join(app.getPath('userData'), 'sync-credentials.json'));
    // The store's key-encryption key, sealed by the same keychain; without one the core uses the CLI's key file.
    let storeKek: ReturnType<typeof keychainKek>;
    try {
      storeKek = keychainKek(safeStorage, path.join(app.getPath('userData'), 'store-kek.json'));
    } catch (err) {
      onFatal(err instanceof Error ? err.message : String(err));
      return;
    }
    if ('reason' in storeKek) console.error(`[main] no OS keychain for the store key (${storeKek.reason}); the core uses the user's key file`);
    const core = startCoreHost({
      entry: paths.coreEntry,
      ocrHostEntry: paths.ocrHostEntry,
      mediaWorkerEntry: paths.mediaWorkerEntry,
      packaged: app.isPackaged,
      dataDir,
      storeKek: 'reason' in storeKek ? null : storeKek,
      onEvent: broadcast,
      onFatal,
      credentials,
      onRestart: () => windowSessions.forget(),
    });
    host = core;
    registerCallChannel({
      dispatch: async (method, request, session) => {
        const result = await core.dispatch(method, request, session);
        windowSessions.observe(session, method, result);
        return result;
      },
      isOwnContents,
    });
    Menu.setApplicationMenu(
      buildAppMenu({
        isDev,
        onNewBatch: command(() => ({ type: 'batch.new' })),
        onImport: pickForImport(false),
        onImportFolder: pickForImport(true),
        onAbout: showAbout,
      }),
    );
    openWindow();
    app.on('activate', () => {
      if (windows.size === 0) openWindow();
    });
  });
}

// Schemes must be registered before the app is ready, i.e. at load time.
registerPrivilegedSchemes();
startDesk();
