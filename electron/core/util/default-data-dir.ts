import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'HPF Archive Desk';

/**
 * The app's user data directory, the same one Electron's `app.getPath('userData')` gives for
 * our productName, so the CLI and the desktop app share one store by default.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HPF_DESK_DATA) return path.resolve(env.HPF_DESK_DATA);
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
