import type { ClientFileFailure, TransferProgress } from './desk-client';

// Enough parallel uploads to hide request latency on the loopback bridge without flooding it
// with thousands of simultaneous bodies.
const CONCURRENCY = 4;

export interface UploadOutcome {
  readonly paths: readonly string[];
  readonly failures: readonly ClientFileFailure[];
}

/**
 * Send each file's raw bytes to `POST /api/upload`; the bridge stores it and answers with a
 * server-side path that `import.paths` can read. Paths keep the order of `files`.
 */
export async function uploadFiles(
  files: readonly File[],
  keyHeader: Readonly<Record<string, string>>,
  onProgress?: (progress: TransferProgress) => void,
): Promise<UploadOutcome> {
  const paths: (string | null)[] = new Array<string | null>(files.length).fill(null);
  const failures: ClientFileFailure[] = [];
  let next = 0;
  let done = 0;
  onProgress?.({ done, total: files.length, file: null });

  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      if (!file) continue;
      try {
        paths[index] = await uploadOne(file, keyHeader);
      } catch (err) {
        failures.push({ file: file.name, code: 'upload_failed', message: err instanceof Error ? err.message : String(err) });
      }
      done += 1;
      onProgress?.({ done, total: files.length, file: file.name });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  return { paths: paths.filter((p): p is string => p !== null), failures };
}

async function uploadOne(file: File, keyHeader: Readonly<Record<string, string>>): Promise<string> {
  const response = await fetch('/api/upload', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name), ...keyHeader },
    body: file,
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} ${await safeText(response)}`.trim());
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || typeof (body as { path?: unknown }).path !== 'string') {
    throw new Error('upload answer has no path');
  }
  return (body as { path: string }).path;
}

async function safeText(response: Response): Promise<string> {
  try {
    return (await response.text()).slice(0, 300);
  } catch {
    return '';
  }
}
