import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'HPF Archive Desk';

/**
 * The store: `archive/` inside the app's user data directory (where Electron's
 * `app.getPath('userData')` points for our productName), apart from Chromium's caches so it is
 * easy to back up. The CLI and the desktop app share it by default; HPF_DESK_DATA overrides.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HPF_DESK_DATA) return path.resolve(env.HPF_DESK_DATA);
  return path.join(userConfigDir(env), 'archive');
}

/** The OS user's config folder for the product (Electron's `userData`), whatever the data folder. */
export function userConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}
