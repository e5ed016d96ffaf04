import path from 'node:path';
import sharp from 'sharp';
import { hashFile } from '../files/blob-store';
import { devOverride } from '../util/dev-override';
import { hostLink } from '../util/host-link';
import { pixelUnits } from './pixel-budget';
import { fsError, inspectSource, processFile, toFileError, type WorkerHooks } from './process-file';
import type { MediaReply, MediaRequest, MediaTask, MediaTaskResult } from './types';

/*
 * A media decoder process: one file at a time, started and replaced by the core's media pool
 * (media-pool.ts). libvips and pdf.js run native and untrusted-input code; in a process of its
 * own a fault in them (a segfault, an abort, a runaway allocation) ends this process and fails
 * this file only — the core and the rest of the import go on.
 */

// Parallelism comes from the number of processes; one libvips thread each keeps 2-core stations
// responsive, and no cache keeps memory flat over a 10 000-page import.
sharp.concurrency(1);
sharp.cache(false);

/** While waiting for pixels, say so this often: the task is waiting, not stuck. */
const WAIT_HEARTBEAT_MS = 5_000;

/**
 * Tests make a decoder die natively on a file whose name holds this marker, to show what a real
 * decoder crash does; an installed app ignores it (dev-override.ts).
 */
const CRASH_MARKER = devOverride('HPF_DESK_TEST_DECODER_CRASH');

async function run(task: MediaTask, worker: WorkerHooks): Promise<MediaTaskResult> {
  if (CRASH_MARKER && path.basename(task.path).includes(CRASH_MARKER)) process.abort();
  try {
    switch (task.kind) {
      case 'hash': {
        const { size } = await inspectSource(task.path);
        try {
          return { ok: true, kind: 'hash', sha256: await hashFile(task.path), size };
        } catch (err) {
          throw fsError(err);
        }
      }
      case 'process':
        return { ok: true, kind: 'process', file: await processFile(task.path, task.store, task.pipeline, worker) };
    }
  } catch (err) {
    return { ok: false, error: toFileError(err) };
  }
}

void hostLink<MediaRequest, MediaReply>('media-worker').then((link) => {
  let granted: (() => void) | null = null;
  link.onRequest((msg) => {
    if ('pixelsGranted' in msg) {
      granted?.();
      return;
    }
    const { id } = msg;
    // Each finished page renews the task's time limit: a long PDF is slow, not stuck.
    const alive = () => link.reply({ id, alive: true });
    const withPixels = async <T>(pixels: number, work: () => Promise<T>): Promise<T> => {
      const heartbeat = setInterval(alive, WAIT_HEARTBEAT_MS);
      try {
        await new Promise<void>((resolve) => {
          granted = resolve;
          link.reply({ id, wantPixels: pixelUnits(pixels) });
        });
      } finally {
        granted = null;
        clearInterval(heartbeat);
      }
      try {
        return await work();
      } finally {
        link.reply({ id, pixelsDone: true });
      }
    };
    void run(msg.task, { alive, withPixels }).then((result) => link.reply({ id, result }));
  });
  // The core is gone: nothing is left to decode for.
  link.onClose(() => process.exit(0));
});
