import sharp from 'sharp';
import { PageStep } from '../../../shared/contract';
import { z } from 'zod';
import { appendEvent } from '../audit/event-log';
import { DeskError } from '../errors';
import type { BlobStore } from '../files/blob-store';
import { UNCHANGED } from '../imaging/render-plan';
import { storePageImages } from '../media/page-output';
import type { Db } from '../store/open-database';
import { fileRowWriter } from '../store/repo/file-rows';
import { claimObjects, commitReclaiming } from '../store/repo/purged-objects';
import type { Touched } from './page-ops';
import { nowIso } from '../util/ids';

const Steps = z.array(PageStep);

/**
 * Turn a page by quarter turns. The original stays as captured; the page's derivatives are made
 * again from the current image with the turn recorded as a step, and its dimensions follow.
 * Filed pages are not turned: what was filed stays as it was. Returns the page's batch.
 */
export async function rotatePage(db: Db, blobs: BlobStore, actor: string, pageId: string, degrees: 90 | 180 | 270): Promise<Touched> {
  const row = db
    .prepare(
      `SELECT p.batch_id, p.dpi, v.sha256, v.steps, i.filed_at FROM pages p
       JOIN derivatives v ON v.page_id = p.id AND v.kind = 'image'
       JOIN documents d ON d.id = p.document_id LEFT JOIN items i ON i.id = d.item_id WHERE p.id = ?`,
    )
    .get(pageId) as { batch_id: string; dpi: number | null; sha256: string; steps: string; filed_at: string | null } | undefined;
  if (!row) throw new DeskError('not_found', `没有这一页 / no page ${pageId}`);
  if (row.filed_at) throw new DeskError('conflict', '该页属于已归档的件 / the page belongs to a filed item');
  const { data, info } = await sharp(await blobs.read(row.sha256)).raw().toBuffer({ resolveWithObject: true });
  const raw = { data, width: info.width, height: info.height, channels: info.channels as 1 | 2 | 3 | 4 };
  const render = () => storePageImages(blobs, raw, row.dpi, { ...UNCHANGED, quarterTurns: (degrees / 90) as 1 | 2 | 3 });
  const record = (out: Awaited<ReturnType<typeof render>>) => {
    const steps = [...Steps.parse(JSON.parse(row.steps)), { op: 'rotate', degrees } as const, ...out.steps];
    const at = nowIso();
    db.transaction(() => {
      // The turned image may be content a purge pass listed (the same scan in a purged batch).
      claimObjects(db, (sha256) => blobs.pathOf(sha256), [out.image.sha256, out.thumbnail.sha256]);
      const putFile = fileRowWriter(db);
      const setDerivative = db.prepare('UPDATE derivatives SET sha256 = ?, width = ?, height = ?, steps = ? WHERE page_id = ? AND kind = ?');
      for (const [kind, img, imgSteps] of [
        ['image', out.image, steps],
        ['thumbnail', out.thumbnail, [...steps, { op: 'resize', width: out.thumbnail.width }]],
      ] as const) {
        putFile(img, at);
        setDerivative.run(img.sha256, img.width, img.height, JSON.stringify(imgSteps), pageId, kind);
      }
      db.prepare('UPDATE pages SET width = ?, height = ? WHERE id = ?').run(out.image.width, out.image.height, pageId);
      appendEvent(db, { actor, kind: 'page.rotated', subject: pageId, data: { degrees, image: out.image.sha256 } });
    })();
  };
  await commitReclaiming(db, await render(), record, render);
  return { batchId: row.batch_id };
}
