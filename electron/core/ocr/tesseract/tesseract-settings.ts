/** The LSTM models tesseract.js itself would download (`best_int`); installed from npm instead. */
export const TESSDATA_VARIANT = '4.0.0_best_int';
export const TESSERACT_LANGUAGES = ['chi_sim', 'eng'] as const;
