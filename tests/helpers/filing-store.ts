import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { filingService, type FilingService } from '../../electron/core/filing/filing-service';
import { importPaths } from '../../electron/core/import/import-paths';
import { openCoreContext, type CoreContext } from '../../electron/core/open-core';
import { createBatch } from '../../electron/core/store/repo/batches';
import { listPages } from '../../electron/core/store/repo/pages';

export interface FilingStore {
  readonly ctx: CoreContext;
  readonly filing: FilingService;
  readonly batchId: string;
  readonly pageIds: string[];
}

/** Small distinct page images (a bar at a different height on each): real files, quick to import. */
export async function writeSmallPages(dir: string, count: number, prefix = 'page'): Promise<string[]> {
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="170"><rect x="10" y="${5 + ((i * 7) % 150)}" width="${40 + (i % 60)}" height="8" fill="#000"/><rect x="70" y="${160 - ((i * 3) % 140)}" width="30" height="6" fill="#333"/></svg>`;
    const file = path.join(dir, `${prefix}-${String(i).padStart(3, '0')}.png`);
    await writeFile(file, await sharp({ create: { width: 120, height: 170, channels: 3, background: '#fff' } }).composite([{ input: Buffer.from(svg) }]).png().toBuffer());
    files.push(file);
  }
  return files;
}

/** A store (real SQLite, real import) with one counter batch of `pages` imported pages. */
export async function openFilingStore(dir: string, pages: number, actor = 'clerk-1'): Promise<FilingStore> {
  const ctx = await openCoreContext({ dataDir: path.join(dir, 'data'), workers: 1, fonds: 'J017', actor });
  const batch = createBatch(ctx.db, ctx.actor, { name: '柜台', kind: 'counter', business: null });
  const files = await writeSmallPages(dir, pages);
  if (files.length > 0) {
    const result = await importPaths(ctx, batch.id, files);
    if (result.imported.length !== files.length) throw new Error(`fixture import incomplete: ${JSON.stringify(result)}`);
  }
  return { ctx, filing: filingService(ctx), batchId: batch.id, pageIds: listPages(ctx.db, batch.id).map((p) => p.id) };
}
