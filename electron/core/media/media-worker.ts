import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { hashFile } from '../files/blob-store';
import { fsError, inspectSource, processFile, toFileError, type WorkerHooks } from './process-file';
import type { MediaReply, MediaRequest, MediaTask, MediaTaskResult } from './types';

// Parallelism comes from the number of workers; one libvips thread each keeps 2-core stations
// responsive, and no cache keeps memory flat over a 10 000-page import.
sharp.concurrency(1);
sharp.cache(false);

async function run(task: MediaTask, worker: WorkerHooks): Promise<MediaTaskResult> {
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
        return { ok: true, kind: 'process', file: await processFile(task.path, task.dataDir, task.pipeline, worker) };
    }
  } catch (err) {
    return { ok: false, error: toFileError(err) };
  }
}

if (!parentPort) throw new Error('media-worker must run as a worker thread');
const port = parentPort;
const reply = (message: MediaReply) => port.postMessage(message);
port.on('message', (msg: MediaRequest) => {
  // Each finished page renews the task's time limit: a long PDF is slow, not stuck.
  const alive = () => reply({ id: msg.id, alive: true });
  void run(msg.task, { alive, budget: msg.budget }).then((result) => reply({ id: msg.id, result }));
});
