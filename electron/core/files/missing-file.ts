/**
 * "Read it, or say it is not there": a key record, a key file, a recovery copy, a receiver's
 * object. Only ENOENT means "not there"; any other failure (a permission, a disk error) is
 * thrown, so a file that exists but cannot be read is never taken for one to create anew.
 */
const isMissing = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';

/** What `op` gives (a read, a stat, an open), or null when its file is not there. */
export async function nullIfMissing<T>(op: Promise<T>): Promise<T | null> {
  try {
    return await op;
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}

/** The same for synchronous reads (done once at start-up, before the event loop matters). */
export function nullIfMissingSync<T>(op: () => T): T | null {
  try {
    return op();
  } catch (err) {
    if (isMissing(err)) return null;
    throw err;
  }
}
