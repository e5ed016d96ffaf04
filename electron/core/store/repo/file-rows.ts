import type { Db } from '../open-database';

/** A stored object as its `files` row records it at capture. */
export interface FileRow {
  readonly sha256: string;
  /**
   * SM3 (GB/T 32905) of the same bytes, re-checked by verify and 四性检测. Every capture knows
   * it; null only where a row is rewritten from a record made before SM3 (a frozen bag plan).
   */
  readonly sm3: string | null;
  readonly size: number;
  readonly mime: string;
}

/**
 * The one statement that records stored objects, for use inside the caller's transaction.
 * Content already recorded keeps its row; a row written before SM3 was recorded takes the SM3
 * of the same bytes stored again (equal SHA-256, so equal content).
 */
export function fileRowWriter(db: Db): (file: FileRow, at: string) => void {
  const put = db.prepare(
    `INSERT INTO files (sha256, size, mime, sm3, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET sm3 = coalesce(files.sm3, excluded.sm3)`,
  );
  return (f, at) => void put.run(f.sha256, f.size, f.mime, f.sm3, at);
}
