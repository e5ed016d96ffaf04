/**
 * The most one piece of a stored object carries between the core and the app's main process
 * (hpf-blob:): what either holds of an object per request at a time, however large it is.
 */
export const MAX_PIECE = 1024 * 1024;
