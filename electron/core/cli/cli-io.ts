/** How a command talks to its caller: exactly one JSON document with --json, readable text otherwise. */
export interface CliIo {
  readonly json: boolean;
  /** The command's result: printed as JSON, or by `human` as text. */
  result(value: unknown, human: () => string): void;
  /** Progress and notes always go to standard error, so stdout stays machine-readable. */
  progress(done: number, total: number, label: string): void;
  note(text: string): void;
}

export function createCliIo(json: boolean): CliIo {
  const tty = process.stderr.isTTY === true;
  let lastLine = '';
  const clearProgress = () => {
    if (tty && lastLine) process.stderr.write('\r\x1b[K');
    lastLine = '';
  };
  return {
    json,
    result(value, human) {
      clearProgress();
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
    progress(done, total, label) {
      if (!tty) {
        if (!json) process.stderr.write(`[${done}/${total}] ${label}\n`);
        return;
      }
      const width = 24;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      lastLine = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`;
      process.stderr.write(`\r\x1b[K${lastLine.slice(0, (process.stderr.columns ?? 100) - 1)}`);
      if (done === total) clearProgress();
    },
    note(text) {
      clearProgress();
      process.stderr.write(`${text}\n`);
    },
  };
}

/** A usage mistake: exit code 1 with a message, nothing done. */
export class UsageError extends Error {
  override name = 'UsageError';
}
