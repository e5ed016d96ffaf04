/**
 * The desktop shell sets this in the environment of every process it starts when it runs from
 * an installed package (Electron's `app.isPackaged`); the core's own workers and children inherit it.
 */
export const PACKAGED_ENV = 'HPF_DESK_PACKAGED';

/**
 * An environment variable that points the core at code or a program somewhere else (a built
 * worker, the SQLite binding, scanimage). Development and tests use them; an installed app
 * ignores them, so setting a variable cannot make a signed workstation run someone else's code.
 */
export type DevOverride =
  | 'HPF_DESK_SQLITE_BINDING'
  | 'HPF_DESK_MEDIA_WORKER'
  | 'HPF_DESK_OCR_HOST'
  | 'HPF_DESK_OCR_WORKER'
  | 'HPF_DESK_BARCODE_WORKER'
  | 'HPF_DESK_SCANIMAGE'
  | 'HPF_DESK_TEST_DECODER_CRASH';

/** The override's value outside a packaged app; `undefined` when unset, empty or packaged. */
export function devOverride(name: DevOverride, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env[PACKAGED_ENV] === '1') return undefined;
  return env[name] || undefined;
}
