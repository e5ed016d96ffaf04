/**
 * pdf.js tells what it skipped while drawing a page (an image over the size limit, an image its
 * decoder could not read) only as `console.warn` lines; with `stopAtErrors: false` the page still
 * renders, without that content. Catching those lines is how a skipped image becomes a clear
 * rejection or flag for the one file it belongs to instead of a silent blank.
 *
 * A media worker thread handles one file at a time and every thread has its own `console`, so
 * the lines caught between `start` and `stop` are this file's and no other's.
 */
export interface PdfWarnings {
  /** Lines caught since the last call, oldest first; the list starts empty again. */
  take(): string[];
  stop(): void;
}

export function catchPdfWarnings(): PdfWarnings {
  const original = console.warn;
  let caught: string[] = [];
  console.warn = (...args: unknown[]) => {
    const line = args.map(String).join(' ');
    // pdf.js prefixes its own; anything else in this thread keeps going where it went before.
    if (line.startsWith('Warning: ')) caught.push(line.slice('Warning: '.length));
    else original.apply(console, args);
  };
  return {
    take: () => {
      const lines = caught;
      caught = [];
      return lines;
    },
    stop: () => {
      console.warn = original;
    },
  };
}
