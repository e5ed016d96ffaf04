import type { ScanResult } from '../../../shared/contract';
import { runScan, type ScanDeps, type ScanRequest } from './scan-session';

interface Running {
  readonly controller: AbortController;
  done?: Promise<ScanResult | void>;
}

/**
 * Scan sessions started from the UI: each runs in the background and reports through events;
 * the call that starts it answers as soon as the session exists. Closing the core cancels every
 * running session and waits until its pages are committed.
 */
export class ScanRunner {
  private readonly running = new Map<string, Running>();

  constructor(private readonly deps: ScanDeps) {}

  start(request: ScanRequest): Promise<string> {
    const entry: Running = { controller: new AbortController() };
    return new Promise((resolve, reject) => {
      let session: string | null = null;
      entry.done = runScan(
        this.deps,
        {
          ...request,
          onSession: (id) => {
            session = id;
            this.running.set(id, entry);
            resolve(id);
          },
        },
        entry.controller.signal,
      )
        .catch((err: unknown) => {
          if (session === null) reject(err);
          else console.error(`[scan] session ${session} failed:`, err);
        })
        .finally(() => {
          if (session !== null) this.running.delete(session);
        });
    });
  }

  cancel(session: string): boolean {
    const entry = this.running.get(session);
    if (!entry) return false;
    entry.controller.abort();
    return true;
  }

  async close(): Promise<void> {
    const all = [...this.running.values()];
    for (const entry of all) entry.controller.abort();
    await Promise.all(all.map((entry) => entry.done));
  }
}
