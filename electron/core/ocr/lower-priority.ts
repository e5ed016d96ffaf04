import os from 'node:os';

/**
 * OCR is background work: below normal priority it takes only the CPU that imports, scans and
 * the window leave over, so a clerk's import is not held up by reading the pages before it
 * (under load the two otherwise share the cores evenly and an import waits on OCR).
 */
export function lowerPriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    os.setPriority(pid, os.constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // Not permitted on this system: OCR then runs at normal priority, only slower imports follow.
  }
}
