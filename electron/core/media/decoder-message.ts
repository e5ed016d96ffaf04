/** An absolute path (POSIX or Windows) anywhere in a line. */
const ABSOLUTE_PATH = /(?:^|[\s"'(:=])(?:\/[^\s"')]+|[A-Za-z]:\\[^\s"')]+)/;
/** Enough lines to say what went wrong; libtiff repeats one warning per strip. */
const MAX_LINES = 3;

/**
 * A decoder's error text made fit for one file's rejection. libvips keeps one error buffer for
 * the whole process, so the text sharp reports for one call can carry lines from another
 * worker's file and the same libtiff line dozens of times. Lines naming a path are dropped (the
 * file being decoded is a temp copy whose path means nothing to a clerk, any other is another
 * file's), repeats are dropped, and the rest is cut to a few lines.
 */
export function cleanDecoderMessage(message: string): string {
  const kept = decoderLines(message);
  return kept.length ? kept.slice(0, MAX_LINES).join('; ') : 'the decoder gave no reason';
}

/**
 * The decoder's own lines, without paths and repeats, before the cut: a failure is classified on
 * all of them, since lines of other workers' files can come first in the shared buffer and push
 * this file's reason past the few lines a clerk is shown.
 */
export function decoderLines(message: string): string[] {
  const kept: string[] = [];
  for (const raw of message.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || ABSOLUTE_PATH.test(line) || kept.includes(line)) continue;
    kept.push(line);
  }
  return kept;
}
