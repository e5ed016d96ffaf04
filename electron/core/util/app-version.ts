declare const __APP_VERSION__: string | undefined;

/** Injected by the build; the sources run in tests report a development version. */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
