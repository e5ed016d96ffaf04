/**
 * Packages that take long to load, loaded when first used instead of when the core starts: with
 * them imported up front every CLI run, every served UI and every test file that opens the core
 * spent some two seconds of CPU loading PDF, spreadsheet, canvas and PostgreSQL code that most of
 * them never call. Node caches a loaded module, so later calls cost nothing.
 */
export const loadPdfLib = (): Promise<typeof import('pdf-lib')> => import('pdf-lib');

type Fontkit = typeof import('@pdf-lib/fontkit');
/** A CommonJS bundle: under ESM its exports are the default export, which its types do not declare. */
export const loadFontkit = async (): Promise<Fontkit> => ((await import('@pdf-lib/fontkit')) as unknown as { default: Fontkit }).default;

export const loadExcelJs = async (): Promise<typeof import('exceljs')> => (await import('exceljs')).default;

export const loadSheetReader = async (): Promise<typeof import('read-excel-file/node').readSheet> => (await import('read-excel-file/node')).readSheet;

export const loadPg = async (): Promise<typeof import('pg').default> => (await import('pg')).default;

export const loadCanvas = (): Promise<typeof import('@napi-rs/canvas')> => import('@napi-rs/canvas');

/** The browser bridge's WebSocket server: only `serve` starts one. */
export const loadWs = (): Promise<typeof import('ws')> => import('ws');
